// The IDX file format of MNIST (and Fashion-MNIST): a big-endian header, then unsigned bytes.
// Files may be raw or gzip-compressed; the reader tells them apart by their first bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

// An unsigned-byte IDX array: dims[0] items of dims[1] x dims[2] x ... bytes each.
struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> data;

  uint32_t count() const { return dims.empty() ? 0 : dims[0]; }
};

inline constexpr uint32_t kIdxImagesMagic = 0x00000803;  // ubyte, 3 dimensions
inline constexpr uint32_t kIdxLabelsMagic = 0x00000801;  // ubyte, 1 dimension

// Parses IDX bytes (raw or gzip). `name` (usually the file path) starts every error message.
// Checks the magic number, the element type (only unsigned bytes), the number of dimensions and
// that the data is exactly as long as the dimensions say; never reads out of bounds.
IdxArray parse_idx(std::string_view bytes, const std::string& name);

// The dimensions in an IDX header (raw bytes: the header, and possibly more); the same checks as
// parse_idx except the data's length.
std::vector<uint32_t> parse_idx_dims(std::string_view bytes, const std::string& name);

// Reads and parses a file; errors name the path.
IdxArray read_idx_file(const std::string& path);

// Encodes an unsigned-byte IDX array (raw, not compressed).
std::string encode_idx(const std::vector<uint32_t>& dims, const uint8_t* data, size_t size);

// Inflates gzip or zlib data; throws Error starting with `name` on corrupt or truncated input, or
// when the output would exceed `max_output` bytes. With `prefix`, the first `max_output` bytes
// (or fewer, when the data ends sooner) are inflated and returned, the rest never inflated.
std::string gunzip(std::string_view compressed, const std::string& name, size_t max_output,
                   bool prefix = false);

}  // namespace gs
