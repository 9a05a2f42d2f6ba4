// The quality meter's cache files (internal: LibTorch): a magic, the format, the fields, then a
// CRC-32 of everything before it. A file that does not read back whole is never trusted: the
// reader throws and the caller rebuilds it.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gs::quality {

inline constexpr uint32_t kCacheFormat = 1;

class CacheWriter {
 public:
  explicit CacheWriter(const char (&magic)[4]);
  template <typename T>
  void put(T value) {
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void bytes(const std::string& data);
  void tensor(const torch::Tensor& t);
  // The file's bytes, with their checksum.
  std::string finish();

 private:
  std::string out_;
};

// Reads what CacheWriter wrote; any mismatch (magic, format, checksum, a short file) throws Error
// naming `name`.
class CacheReader {
 public:
  CacheReader(std::string_view data, const char (&magic)[4], std::string name);
  template <typename T>
  T get() {
    T value{};
    take(&value, sizeof value);
    return value;
  }
  std::string bytes();
  torch::Tensor tensor(torch::ScalarType type, const std::vector<int64_t>& shape);
  void expect_end();

 private:
  void take(void* out, size_t size);
  [[noreturn]] void fail(const std::string& why) const;

  std::string_view data_;
  size_t at_ = 0;
  std::string name_;
};

// A cache file's bytes, or "" when there is none or it cannot be read.
std::string read_cache(const std::string& path);
// Writes a cache file; a cache that cannot be written only costs time later (said on stderr).
void write_cache(const std::string& path, const std::string& bytes);

// FNV-1a, for the caches' keys, and a key as 16 hex digits.
uint64_t fnv1a(uint64_t hash, const void* data, size_t size);
inline constexpr uint64_t kFnvBasis = 0xCBF29CE484222325ull;
std::string hex(uint64_t value);

}  // namespace gs::quality
