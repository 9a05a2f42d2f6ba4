#include "tests/common/tfevents_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "model/io/file_io.h"

namespace gs::testing {

namespace fs = std::filesystem;

namespace {

uint64_t read_varint(const std::string& in, size_t& at) {
  uint64_t value = 0;
  for (int shift = 0; at < in.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<uint8_t>(in[at++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
  throw std::runtime_error("bad varint");
}

}  // namespace

std::vector<Field> fields(const std::string& message) {
  std::vector<Field> out;
  size_t at = 0;
  while (at < message.size()) {
    const uint64_t key = read_varint(message, at);
    Field f;
    f.number = static_cast<int>(key >> 3);
    f.wire = static_cast<int>(key & 7);
    if (f.wire == 0) {
      f.integer = read_varint(message, at);
    } else if (f.wire == 1 || f.wire == 5) {
      const size_t size = f.wire == 1 ? 8 : 4;
      std::memcpy(&f.integer, message.data() + at, size);
      at += size;
    } else if (f.wire == 2) {
      const uint64_t size = read_varint(message, at);
      f.bytes = message.substr(at, size);
      at += size;
    } else {
      throw std::runtime_error("unexpected wire type");
    }
    out.push_back(f);
  }
  return out;
}

const Field* field(const std::vector<Field>& fs, int number) {
  for (const Field& f : fs)
    if (f.number == number) return &f;
  return nullptr;
}

// CRC-32C computed bit by bit.
uint32_t slow_crc32c(const std::string& data) {
  uint32_t crc = 0xffffffff;
  for (const char c : data) {
    crc ^= static_cast<uint8_t>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0x82f63b78 & (0u - (crc & 1)));
  }
  return ~crc;
}
namespace {

uint32_t mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8; }

}  // namespace

std::vector<std::string> records(const std::string& file) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at + 12 <= file.size()) {
    uint64_t length = 0;
    uint32_t length_crc = 0;
    std::memcpy(&length, file.data() + at, 8);
    std::memcpy(&length_crc, file.data() + at + 8, 4);
    EXPECT_EQ(length_crc, mask(slow_crc32c(file.substr(at, 8))));
    const std::string data = file.substr(at + 12, length);
    uint32_t data_crc = 0;
    std::memcpy(&data_crc, file.data() + at + 12 + length, 4);
    EXPECT_EQ(data_crc, mask(slow_crc32c(data)));
    out.push_back(data);
    at += 12 + length + 4;
  }
  EXPECT_EQ(at, file.size()) << "a partial record at the end";
  return out;
}

Events read_events(const std::string& folder) {
  Events events;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().filename().string().rfind("events.out.tfevents.", 0) != 0) continue;
    for (const std::string& record : records(read_file(entry.path().string()))) {
      const std::vector<Field> event = fields(record);
      if (const Field* v = field(event, 3)) events.version = v->bytes;
      const Field* summary = field(event, 5);
      if (!summary) continue;
      const Field* step_field = field(event, 2);
      const int64_t step = step_field ? static_cast<int64_t>(step_field->integer) : 0;
      for (const Field& value : fields(summary->bytes)) {
        const std::vector<Field> v = fields(value.bytes);
        const std::string tag = field(v, 1)->bytes;
        if (const Field* image = field(v, 4)) {
          const std::vector<Field> im = fields(image->bytes);
          const std::string png = field(im, 4)->bytes;
          EXPECT_EQ(png.substr(1, 3), "PNG");
          events.images[step] = {static_cast<int>(field(im, 2)->integer),
                                 static_cast<int>(field(im, 1)->integer)};
        } else if (const Field* tensor = field(v, 8)) {
          const std::vector<Field> t = fields(tensor->bytes);
          // The plugin's metadata comes with a tag's first value; later ones may leave it out.
          if (const Field* metadata = field(v, 9))
            events.plugins[tag] = fields(fields(metadata->bytes)[0].bytes)[0].bytes;
          const std::string plugin = events.plugins[tag];
          if (plugin == "scalars") {
            float x = 0;
            std::memcpy(&x, field(t, 4)->bytes.data(), 4);
            events.scalars[tag][step] = x;
          } else if (plugin == "text") {
            events.texts[tag] = field(t, 8)->bytes;
          } else if (plugin == "histograms") {
            events.histograms[tag][step] = decode_histogram(tensor->bytes);
          } else if (plugin == "hparams") {
            const std::string content = fields(fields(field(v, 9)->bytes)[0].bytes)[1].bytes;
            events.hparams.push_back(decode_hparams(tag.substr(tag.find('/') + 1), content));
          }
        }
      }
    }
  }
  return events;
}

std::vector<std::array<double, 3>> decode_histogram(const std::string& tensor) {
  const std::vector<Field> t = fields(tensor);
  EXPECT_EQ(field(t, 1)->integer, 2u) << "DT_DOUBLE";
  std::vector<uint64_t> dims;
  for (const Field& dim : fields(field(t, 2)->bytes)) {
    EXPECT_EQ(dim.number, 2);
    const std::vector<Field> d = fields(dim.bytes);
    const Field* size = field(d, 1);
    dims.push_back(size ? size->integer : 0);  // proto3 leaves a size of 0 out
  }
  std::vector<std::array<double, 3>> buckets;
  if (dims.size() != 2 || dims[1] != 3) {
    ADD_FAILURE() << "a histogram is a [k, 3] tensor";
    return buckets;
  }
  const Field* content = field(t, 4);
  const std::string bytes = content ? content->bytes : std::string();
  EXPECT_EQ(bytes.size(), dims[0] * 3 * sizeof(double));
  for (size_t i = 0; i + 3 * sizeof(double) <= bytes.size(); i += 3 * sizeof(double)) {
    std::array<double, 3> bucket{};
    std::memcpy(bucket.data(), bytes.data() + i, sizeof bucket);
    buckets.push_back(bucket);
  }
  return buckets;
}

namespace {

double as_double(uint64_t bits) {
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// A google.protobuf.Value as text: a number as %g, a bool as true/false, a string as it is.
std::string value_text(const std::string& message) {
  const std::vector<Field> v = fields(message);
  if (const Field* number = field(v, 2)) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", as_double(number->integer));
    return text;
  }
  if (const Field* text = field(v, 3)) return text->bytes;
  if (const Field* flag = field(v, 4)) return flag->integer ? "true" : "false";
  return "";
}

}  // namespace

HParamsRecord decode_hparams(const std::string& kind, const std::string& content) {
  HParamsRecord record;
  record.kind = kind;
  const std::vector<Field> data = fields(content);
  if (const Field* start = field(data, 3)) {
    for (const Field& f : fields(start->bytes)) {
      if (f.number == 1) {
        const std::vector<Field> entry = fields(f.bytes);
        record.hparams[field(entry, 1)->bytes] = value_text(field(entry, 2)->bytes);
      } else if (f.number == 4) {
        record.group = f.bytes;
      }
    }
  }
  if (const Field* end = field(data, 4)) {
    const std::vector<Field> info = fields(end->bytes);  // kept: field() points into it
    if (const Field* status = field(info, 1)) record.status = static_cast<int>(status->integer);
  }
  if (const Field* experiment = field(data, 2)) {
    for (const Field& f : fields(experiment->bytes)) {
      if (f.number == 4) {
        const std::vector<Field> info = fields(f.bytes);
        const std::string name = field(info, 1)->bytes;
        if (const Field* discrete = field(info, 5)) {
          for (const Field& value : fields(discrete->bytes)) {
            record.discrete[name].push_back(value_text(value.bytes));
          }
        }
        if (const Field* interval = field(info, 6)) {
          const std::vector<Field> ends = fields(interval->bytes);
          record.intervals[name] = {as_double(field(ends, 1)->integer),
                                    as_double(field(ends, 2)->integer)};
        }
      } else if (f.number == 5) {
        record.metrics.push_back(field(fields(field(fields(f.bytes), 1)->bytes), 2)->bytes);
      }
    }
  }
  return record;
}

}  // namespace gs::testing
