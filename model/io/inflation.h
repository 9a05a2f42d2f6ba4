// How far compressed data (a gzip'd IDX file, a member of an .npz) may inflate. Real image arrays
// shrink 2 to 10 times; a member of zeros that declares a gigabyte shrinks a thousand times (a zip
// bomb). Above kFreeInflation, data that would inflate more than kMostInflation times what it takes
// compressed is refused before a byte is inflated.
#pragma once

#include <cstdint>
#include <string>

#include "model/io/error.h"

namespace gs {

inline constexpr uint64_t kMostInflation = 200;
inline constexpr uint64_t kFreeInflation = uint64_t{64} << 20;

// Throws Error naming `name` when `stored` bytes (compressed, or images before scaling) would
// become `total` in memory.
inline void check_inflation(const std::string& name, uint64_t stored, uint64_t total) {
  if (total > kFreeInflation && total / kMostInflation > stored) {
    throw Error(name + ": " + std::to_string(stored) + " bytes as stored would become " +
                std::to_string(total) + " in memory, more than " + std::to_string(kMostInflation) +
                " times as many: refused as a likely decompression bomb");
  }
}

}  // namespace gs
