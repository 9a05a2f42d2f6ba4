#include "model/training/checkpoint_file.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

namespace {

constexpr uint64_t kMaxDeflatedRecord = 16 << 20;
constexpr uint64_t kLegacyLimit = uint64_t{4} << 30;  // zip without zip64 sizes

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
  throw Error(path + ": damaged checkpoint (" + what + ")");
}

uint32_t crc_of(const std::string& bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  size_t left = bytes.size();
  while (left > 0) {
    const auto chunk = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
    crc = crc32(crc, data, chunk);
    data += chunk;
    left -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

uint32_t u32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}

uint16_t u16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8);
}

struct Header {
  uint64_t config_bytes = 0;
  uint64_t payload_bytes = 0;
  uint32_t crc = 0;
  size_t length = 0;  // bytes of the header itself
};

// "key value\n" with a decimal (or, for the CRC, 8 hex digits) value, checked.
uint64_t header_number(const std::string& text, size_t& at, const char* key, bool hex,
                       const std::string& path) {
  const std::string prefix = std::string(key) + " ";
  if (text.compare(at, prefix.size(), prefix) != 0) damaged(path, std::string("no ") + key);
  at += prefix.size();
  const size_t end = text.find('\n', at);
  const size_t digits = end == std::string::npos ? 0 : end - at;
  if (digits == 0 || digits > (hex ? 8u : 19u)) damaged(path, std::string("bad ") + key);
  uint64_t value = 0;
  for (size_t i = at; i < end; ++i) {
    const char c = text[i];
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (digit < 0) damaged(path, std::string("bad ") + key);
    value = value * (hex ? 16 : 10) + static_cast<uint64_t>(digit);
  }
  at = end + 1;
  return value;
}

Header parse_header(const std::string& text, const std::string& path) {
  Header h;
  size_t at = std::strlen(kCheckpointMagic);
  h.config_bytes = header_number(text, at, "config_bytes", false, path);
  h.payload_bytes = header_number(text, at, "payload_bytes", false, path);
  h.crc = static_cast<uint32_t>(header_number(text, at, "payload_crc32", true, path));
  if (at >= text.size() || text[at] != '\n') damaged(path, "header not ended");
  h.length = at + 1;
  return h;
}

std::string read_exactly(RegularFile& in, uint64_t count, const std::string& path) {
  std::string bytes = in.read(count);
  if (bytes.size() != count) damaged(path, "shorter than its header says");
  return bytes;
}

struct Opened {
  std::unique_ptr<RegularFile> in;  // a FIFO or a device is refused by its kind
  uint64_t size = 0;
  std::string head;  // the first bytes (up to 256)
};

Opened open_checkpoint(const std::string& path) {
  Opened file;
  file.in = std::make_unique<RegularFile>(path);
  file.size = file.in->size();
  file.head = file.in->read(std::min<uint64_t>(file.size, 256));
  file.in->seek(0);
  if (file.size == 0) throw Error(path + ": empty file, not a checkpoint");
  return file;
}

bool has_envelope(const std::string& head) { return head.rfind(kCheckpointMagic, 0) == 0; }

}  // namespace

std::string wrap_checkpoint(const std::string& config_text, const std::string& payload) {
  char header[160];
  std::snprintf(header, sizeof header,
                "%sconfig_bytes %zu\npayload_bytes %zu\npayload_crc32 %08x\n\n", kCheckpointMagic,
                config_text.size(), payload.size(), static_cast<unsigned>(crc_of(payload)));
  std::string out = header;
  out.reserve(out.size() + config_text.size() + payload.size());
  out += config_text;
  out += payload;
  return out;
}

CheckpointFile read_checkpoint_file(
    const std::string& path, const std::function<uint64_t(const std::string&)>& payload_bound) {
  Opened file = open_checkpoint(path);
  CheckpointFile out;
  if (!has_envelope(file.head)) {
    if (file.head.rfind("PK\x03\x04", 0) != 0) {
      throw Error(path + ": not a GanStudio checkpoint");
    }
    if (file.size > kLegacyLimit) damaged(path, "larger than a checkpoint can be");
    out.payload = read_exactly(*file.in, file.size, path);
    check_zip_structure(out.payload, path);
    return out;
  }
  const Header h = parse_header(file.head, path);
  if (h.config_bytes > kMaxCheckpointConfigBytes) damaged(path, "configuration too large");
  if (h.payload_bytes > file.size || h.length + h.config_bytes + h.payload_bytes != file.size) {
    damaged(path, std::to_string(file.size) + " bytes where its header says " +
                      std::to_string(h.length + h.config_bytes + h.payload_bytes) +
                      "; truncated or extended");
  }
  file.in->seek(h.length);
  out.config_text = read_exactly(*file.in, h.config_bytes, path);
  const uint64_t bound = payload_bound(out.config_text);
  if (h.payload_bytes > bound) {
    damaged(path, "a payload of " + std::to_string(h.payload_bytes) +
                      " bytes is more than its configuration allows (" + std::to_string(bound) +
                      ")");
  }
  out.payload = read_exactly(*file.in, h.payload_bytes, path);
  if (crc_of(out.payload) != h.crc) damaged(path, "its contents do not match their CRC-32");
  check_zip_structure(out.payload, path);
  return out;
}

CheckpointHead read_checkpoint_head(const std::string& path) {
  Opened file = open_checkpoint(path);
  if (!has_envelope(file.head)) return {"", file.size};
  const Header h = parse_header(file.head, path);
  if (h.config_bytes > kMaxCheckpointConfigBytes || h.length + h.config_bytes > file.size) {
    damaged(path, "configuration missing or too large");
  }
  file.in->seek(h.length);
  return {read_exactly(*file.in, h.config_bytes, path), h.payload_bytes};
}

void check_zip_structure(const std::string& archive, const std::string& path) {
  // End of central directory: 22 bytes (plus a comment of at most 64 KB) at the end.
  constexpr size_t kEocd = 22;
  if (archive.size() < kEocd) damaged(path, "archive too short");
  size_t eocd = std::string::npos;
  const size_t lowest = archive.size() > kEocd + 65535 ? archive.size() - kEocd - 65535 : 0;
  for (size_t at = archive.size() - kEocd + 1; at-- > lowest;) {
    if (u32(archive, at) == 0x06054b50 && at + kEocd + u16(archive, at + 20) == archive.size()) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string::npos) damaged(path, "archive has no directory");
  const uint16_t entries = u16(archive, eocd + 10);
  const uint64_t dir_size = u32(archive, eocd + 12);
  const uint64_t dir_offset = u32(archive, eocd + 16);
  if (dir_offset + dir_size > eocd) damaged(path, "archive directory out of place");
  size_t at = static_cast<size_t>(dir_offset);
  const size_t dir_end = static_cast<size_t>(dir_offset + dir_size);
  for (uint16_t i = 0; i < entries; ++i) {
    if (at + 46 > dir_end || u32(archive, at) != 0x02014b50)
      damaged(path, "archive directory damaged");
    const uint16_t method = u16(archive, at + 10);
    const uint64_t compressed = u32(archive, at + 20);
    const uint64_t uncompressed = u32(archive, at + 24);
    const size_t name = u16(archive, at + 28), extra = u16(archive, at + 30),
                 comment = u16(archive, at + 32);
    const uint64_t local = u32(archive, at + 42);
    // Tensors are stored; LibTorch deflates its small code records. Deflate cannot expand data
    // more than 1032 times, and those records are small.
    const bool stored = method == 0 && compressed == uncompressed;
    const bool deflated =
        method == 8 && uncompressed <= compressed * 1032 + 64 && uncompressed <= kMaxDeflatedRecord;
    if (!stored && !deflated) damaged(path, "archive record of an unexpected kind or size");
    if (local + 30 > dir_offset) damaged(path, "archive record out of place");
    const uint64_t data = local + 30 + u16(archive, static_cast<size_t>(local) + 26) +
                          u16(archive, static_cast<size_t>(local) + 28);
    if (u32(archive, static_cast<size_t>(local)) != 0x04034b50 || data + compressed > dir_offset) {
      damaged(path, "archive record larger than the archive");
    }
    at += 46 + name + extra + comment;
  }
}

PayloadRange payload_range(const RunConfig& unresolved) {
  const RunConfig config = resolve(unresolved, /*cuda=*/false);
  const ModelConfig& m = config.model;
  auto chain = [](uint64_t in, const std::vector<int>& widths, uint64_t kernel) {
    uint64_t floats = 0, previous = in;
    for (int w : widths) {
      floats += previous * static_cast<uint64_t>(w) * kernel;
      previous = static_cast<uint64_t>(w);
    }
    return floats + previous * kernel;  // to one output channel
  };
  // A conditional G takes the one-hot class beside z; larger images have larger maps (side / 4
  // squared at most) and more channels.
  const auto classes = static_cast<uint64_t>(conditional_classes(m));
  const auto noise = static_cast<uint64_t>(m.noise_dim) + classes;
  const auto side = static_cast<uint64_t>(config.data.image_size);
  const uint64_t map = std::max<uint64_t>(49, (side / 4) * (side / 4));
  const auto channels = static_cast<uint64_t>(config.data.channels);
  uint64_t g0 = 0, widths = 0;
  if (!m.g_widths.empty()) g0 = static_cast<uint64_t>(m.g_widths.front());
  for (int w : m.g_widths) widths += static_cast<uint64_t>(w);
  for (int w : m.d_widths) widths += static_cast<uint64_t>(w);
  PayloadRange range;
  range.least = 4 * (chain(noise, m.g_widths, 1) + chain(1, m.d_widths, 1));
  const uint64_t g = chain(noise, m.g_widths, 25) * channels + noise * map * g0 + map * g0 * 6 +
                     8 * widths + static_cast<uint64_t>(m.g_widths.back()) * 25 * 32;
  const uint64_t d = chain(channels, m.d_widths, 49) + 8 * widths +
                     (classes + 1) * m.d_widths.back() * map +
                     uint64_t{16} * m.d_widths.back() * m.d_widths.back();
  const uint64_t grid = static_cast<uint64_t>(grid_samples(static_cast<int>(classes)));
  range.most = 4 * (g * 4 + d * 3 + grid * noise) + (uint64_t{1} << 20);
  return range;
}

std::string read_weights_snapshot(const std::string& path, const RunConfig& config) {
  std::string bytes = read_file(path, {payload_range(config).most, true});
  check_zip_structure(bytes, path);
  return bytes;
}

}  // namespace gs
