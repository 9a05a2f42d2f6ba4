#include "model/quality/cache_file.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs::quality {

namespace fs = std::filesystem;

CacheWriter::CacheWriter(const char (&magic)[4]) {
  out_.append(magic, 4);
  put(kCacheFormat);
}

void CacheWriter::bytes(const std::string& data) {
  put(static_cast<uint64_t>(data.size()));
  out_ += data;
}

void CacheWriter::tensor(const torch::Tensor& t) {
  const auto c = t.contiguous().cpu();
  put(static_cast<uint64_t>(c.numel()));
  out_.append(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
}

std::string CacheWriter::finish() {
  put(static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(out_.data()), static_cast<uInt>(out_.size()))));
  return std::move(out_);
}

CacheReader::CacheReader(std::string_view data, const char (&magic)[4], std::string name)
    : data_(data), name_(std::move(name)) {
  if (data_.size() < 12 || data_.compare(0, 4, std::string_view(magic, 4)) != 0)
    fail("not a file of this kind");
  uint32_t stored = 0;
  std::memcpy(&stored, data_.data() + data_.size() - 4, 4);
  const auto actual = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data_.data()), static_cast<uInt>(data_.size() - 4)));
  if (stored != actual) fail("checksum mismatch");
  data_.remove_suffix(4);
  at_ = 4;
  if (get<uint32_t>() != kCacheFormat) fail("another format");
}

std::string CacheReader::bytes() {
  const auto size = get<uint64_t>();
  if (size > data_.size() - at_) fail("truncated");
  std::string out(data_.substr(at_, size));
  at_ += size;
  return out;
}

torch::Tensor CacheReader::tensor(torch::ScalarType type, const std::vector<int64_t>& shape) {
  const auto count = get<uint64_t>();
  int64_t expected = 1;
  for (int64_t d : shape) expected *= d;
  if (count != static_cast<uint64_t>(expected)) fail("unexpected size");
  torch::Tensor t = torch::empty(shape, torch::TensorOptions().dtype(type));
  take(t.data_ptr(), count * t.element_size());
  return t;
}

void CacheReader::expect_end() {
  if (at_ != data_.size()) fail("trailing bytes");
}

void CacheReader::take(void* out, size_t size) {
  if (size > data_.size() - at_) fail("truncated");
  std::memcpy(out, data_.data() + at_, size);
  at_ += size;
}

void CacheReader::fail(const std::string& why) const { throw Error(name_ + ": " + why); }

std::string read_cache(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return {};
  try {
    return read_file(path);
  } catch (const Error&) {
    return {};
  }
}

void write_cache(const std::string& path, const std::string& bytes) {
  try {
    make_directories(fs::path(path).parent_path().string());
    write_file_atomically(path, bytes);
  } catch (const Error& error) {
    std::fprintf(stderr, "GanStudio: cannot cache the quality meter's data: %s\n", error.what());
  }
}

uint64_t fnv1a(uint64_t hash, const void* data, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= 0x100000001B3ull;
  }
  return hash;
}

std::string hex(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace gs::quality
