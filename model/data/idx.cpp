#include "model/data/idx.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/inflation.h"

namespace gs {

namespace {

constexpr size_t kMaxIdxBytes = size_t{4} << 30;  // 4 GiB: far above any image data set we train on
constexpr size_t kHeaderPrefix = 4;

uint32_t read_be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void append_be32(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>((v >> 24) & 0xff));
  out.push_back(static_cast<char>((v >> 16) & 0xff));
  out.push_back(static_cast<char>((v >> 8) & 0xff));
  out.push_back(static_cast<char>(v & 0xff));
}

std::string hex32(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", v);
  return text;
}

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

const char* type_name(unsigned type_code) {
  switch (type_code) {
    case 0x08:
      return "unsigned byte";
    case 0x09:
      return "signed byte";
    case 0x0B:
      return "short";
    case 0x0C:
      return "int";
    case 0x0D:
      return "float";
    case 0x0E:
      return "double";
    default:
      return nullptr;
  }
}

std::string shape_text(const std::vector<uint32_t>& dims) {
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? "x" : "") + std::to_string(dims[i]);
  return text;
}

std::string extra_bytes_message(const std::string& name, const std::vector<uint32_t>& dims,
                                uint64_t extra) {
  return name + ": " + std::to_string(extra) + " unexpected bytes after the " + shape_text(dims) +
         " data the header declares";
}

}  // namespace

std::string gunzip(std::string_view compressed, const std::string& name, size_t max_output,
                   bool prefix) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) {  // 15 + 32: accept gzip and zlib headers
    throw Error(name + ": cannot start zlib");
  }
  std::string out;
  out.resize(std::min<size_t>(max_output, std::max<size_t>(compressed.size() * 4, 1 << 16)));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  size_t consumed = 0;
  size_t produced = 0;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    if (produced == out.size()) {
      if (prefix && produced >= max_output) break;
      if (out.size() >= max_output) {
        inflateEnd(&stream);
        throw Error(name + ": decompresses to more than " + std::to_string(max_output) +
                    " bytes; not an image data set");
      }
      out.resize(std::min(max_output, out.size() * 2));
    }
    const size_t in_chunk =
        std::min<size_t>(compressed.size() - consumed, std::numeric_limits<uInt>::max());
    const size_t out_chunk =
        std::min<size_t>(out.size() - produced, std::numeric_limits<uInt>::max());
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data() + consumed));
    stream.avail_in = static_cast<uInt>(in_chunk);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(out_chunk);
    status = inflate(&stream, Z_NO_FLUSH);
    consumed += in_chunk - stream.avail_in;
    produced += out_chunk - stream.avail_out;
    if (status == Z_STREAM_END) break;
    if (status == Z_BUF_ERROR && consumed == compressed.size() && produced < out.size()) {
      inflateEnd(&stream);
      throw Error(name + ": truncated: the compressed data ends early");
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      const std::string detail = stream.msg ? stream.msg : "unknown error";
      inflateEnd(&stream);
      std::string message = name;
      message += ": corrupt compressed data (";
      message += detail;
      message += ')';
      throw Error(message);
    }
  }
  inflateEnd(&stream);
  out.resize(produced);
  return out;
}

std::vector<uint32_t> parse_idx_dims(std::string_view bytes, const std::string& name) {
  if (bytes.size() < kHeaderPrefix) {
    throw Error(name + ": not an IDX file: " + std::to_string(bytes.size()) +
                " bytes is shorter than an IDX header");
  }
  const auto* raw = reinterpret_cast<const unsigned char*>(bytes.data());
  const uint32_t magic = read_be32(raw);
  const unsigned type_code = raw[2];
  const unsigned ndims = raw[3];
  if (raw[0] != 0 || raw[1] != 0 || type_name(type_code) == nullptr || ndims == 0) {
    throw Error(name + ": not an IDX file: magic number " + hex32(magic) +
                " (expected 0x00000803 for images or 0x00000801 for labels)");
  }
  if (type_code != 0x08) {
    throw Error(name + ": IDX element type " + type_name(type_code) +
                " is not supported; only unsigned bytes (images and labels) are");
  }
  const size_t header_size = kHeaderPrefix + 4 * size_t{ndims};
  if (bytes.size() < header_size) {
    throw Error(name + ": truncated: the header declares " + std::to_string(ndims) +
                " dimensions but the file ends after " + std::to_string(bytes.size()) + " bytes");
  }
  std::vector<uint32_t> dims;
  size_t expected = 1;
  for (unsigned i = 0; i < ndims; ++i) {
    const uint32_t dim = read_be32(raw + kHeaderPrefix + size_t{4} * i);
    dims.push_back(dim);
    if (dim != 0 && expected > kMaxIdxBytes / dim) {
      throw Error(name + ": dimensions too large (over 4 GiB of data); not an image data set");
    }
    expected *= dim;
  }
  return dims;
}

IdxArray parse_idx(std::string_view bytes, const std::string& name) {
  std::string inflated;
  if (is_gzip(bytes)) {
    // The header first, then exactly what it declares (within check_inflation's ratio).
    const std::string head = gunzip(bytes, name, kHeaderPrefix + size_t{4} * 255, true);
    const std::vector<uint32_t> dims = parse_idx_dims(head, name);
    uint64_t total = kHeaderPrefix + 4 * dims.size();
    uint64_t data = 1;
    for (uint32_t dim : dims) data *= dim;
    total += data;
    check_inflation(name, bytes.size(), total);
    inflated = gunzip(bytes, name, total);
    bytes = inflated;
  }
  IdxArray array;
  array.dims = parse_idx_dims(bytes, name);
  const size_t header_size = kHeaderPrefix + 4 * array.dims.size();
  size_t expected = 1;
  for (uint32_t dim : array.dims) expected *= dim;
  const auto* raw = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t available = bytes.size() - header_size;
  auto shape = [&] { return shape_text(array.dims); };
  if (available < expected) {
    throw Error(name + ": truncated: the header promises " + shape() + " = " +
                std::to_string(expected) + " bytes of data, the file holds " +
                std::to_string(available));
  }
  if (available > expected)
    throw Error(extra_bytes_message(name, array.dims, available - expected));
  array.data.assign(raw + header_size, raw + header_size + expected);
  return array;
}

IdxArray read_idx_file(const std::string& path) {
  // The header first: a file that is not IDX, or declares another size than it has, is refused
  // before its data is read (a data.path that names a huge file of something else costs nothing).
  RegularFile file(path);
  const std::string prefix = file.read(kHeaderPrefix);
  if (is_gzip(prefix)) {
    if (file.size() > kMaxIdxBytes) {
      throw Error(path + ": " + std::to_string(file.size()) + " bytes; not an image data set");
    }
    return parse_idx(prefix + file.read(file.size()), path);
  }
  std::string header = prefix;
  if (header.size() == kHeaderPrefix) {
    header += file.read(4 * size_t{static_cast<unsigned char>(header[3])});
  }
  const std::vector<uint32_t> dims = parse_idx_dims(header, path);
  uint64_t expected = header.size();
  uint64_t data = 1;
  for (uint32_t dim : dims) data *= dim;  // parse_idx_dims keeps it under 4 GiB
  expected += data;
  if (file.size() > expected) throw Error(extra_bytes_message(path, dims, file.size() - expected));
  if (file.size() < expected) return parse_idx(header + file.read(file.size()), path);
  return parse_idx(header + file.read(data), path);
}

std::string encode_idx(const std::vector<uint32_t>& dims, const uint8_t* data, size_t size) {
  std::string out;
  out.reserve(4 + 4 * dims.size() + size);
  append_be32(out, 0x00000800u | static_cast<uint32_t>(dims.size()));
  for (uint32_t dim : dims) append_be32(out, dim);
  out.append(reinterpret_cast<const char*>(data), size);
  return out;
}

}  // namespace gs
