#include "model/io/tfevents.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "model/io/host.h"

namespace gs::tfevents {

namespace {

constexpr std::array<uint32_t, 256> make_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kTable = make_table();

// Protobuf wire format: varints, tags and length-delimited fields.
void varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}
void tag(std::string& out, int field, int wire_type) {
  varint(out, static_cast<uint64_t>(field) << 3 | static_cast<uint64_t>(wire_type));
}
void bytes_field(std::string& out, int field, std::string_view bytes) {
  tag(out, field, 2);
  varint(out, bytes.size());
  out.append(bytes);
}
void varint_field(std::string& out, int field, uint64_t value) {
  tag(out, field, 0);
  varint(out, value);
}
template <typename T>
void little_endian(std::string& out, T value) {
  char raw[sizeof(T)];
  std::memcpy(raw, &value, sizeof(T));  // x86-64 and aarch64 are little-endian
  out.append(raw, sizeof(T));
}

// An Event holding a Summary of these Summary.Values.
std::string event(double wall_time, int64_t step, const std::vector<std::string>& summary_values) {
  std::string out;
  tag(out, 1, 1);  // wall_time: fixed64
  little_endian(out, wall_time);
  if (step != 0) varint_field(out, 2, static_cast<uint64_t>(step));
  std::string summary;
  for (const std::string& value : summary_values) bytes_field(summary, 1, value);
  bytes_field(out, 5, summary);
  return out;
}

std::string plugin_metadata(std::string_view plugin) {
  std::string plugin_data;
  bytes_field(plugin_data, 1, plugin);
  std::string metadata;
  bytes_field(metadata, 1, plugin_data);
  return metadata;
}

// A Summary.Value holding a scalar as TensorFlow 2 writes it: a float tensor whose content is
// the value's raw bytes.
std::string scalar_value(std::string_view name, float value, bool with_metadata) {
  std::string tensor;
  varint_field(tensor, 1, 1);  // DT_FLOAT
  bytes_field(tensor, 2, "");  // shape: a scalar
  std::string content;
  little_endian(content, value);
  bytes_field(tensor, 4, content);
  std::string summary_value;
  bytes_field(summary_value, 1, name);
  bytes_field(summary_value, 8, tensor);
  if (with_metadata) bytes_field(summary_value, 9, plugin_metadata("scalars"));
  return summary_value;
}

}  // namespace

uint32_t crc32c(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const char c : bytes) crc = kTable[(crc ^ static_cast<uint8_t>(c)) & 0xff] ^ (crc >> 8);
  return ~crc;
}

uint32_t masked_crc32c(std::string_view bytes) {
  const uint32_t crc = crc32c(bytes);
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

std::string frame(std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 16);
  little_endian(out, static_cast<uint64_t>(payload.size()));
  little_endian(out, masked_crc32c(std::string_view(out.data(), 8)));
  out.append(payload);
  little_endian(out, masked_crc32c(payload));
  return out;
}

std::string version_event(double wall_time) {
  std::string out;
  tag(out, 1, 1);
  little_endian(out, wall_time);
  bytes_field(out, 3, "brain.Event:2");
  return out;
}

namespace {

void double_field(std::string& out, int field, double value) {
  tag(out, field, 1);
  little_endian(out, value);
}

std::string value_message(const HParamValue& value) {
  std::string out;
  switch (value.kind) {
    case HParamValue::Kind::Number:
      double_field(out, 2, value.number);
      break;
    case HParamValue::Kind::Text:
      bytes_field(out, 3, value.text);
      break;
    case HParamValue::Kind::Bool:
      varint_field(out, 4, value.flag ? 1 : 0);
      break;
  }
  return out;
}

std::string plugin_data(int field, const std::string& message) {
  std::string out;
  bytes_field(out, field, message);  // version 0 is the default: not written
  return out;
}

}  // namespace

HParamValue HParamValue::from_text(const std::string& text) {
  HParamValue value;
  if (text == "true" || text == "false") {
    value.kind = Kind::Bool;
    value.flag = text == "true";
    return value;
  }
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (!text.empty() && end && *end == '\0' && std::isfinite(number)) {
    value.kind = Kind::Number;
    value.number = number;
    return value;
  }
  value.text = text;
  return value;
}

std::string session_start_content(const std::vector<std::pair<std::string, HParamValue>>& hparams,
                                  std::string_view group_name, double start_time_secs) {
  std::string info;
  for (const auto& [name, value] : hparams) {
    std::string entry;
    bytes_field(entry, 1, name);
    bytes_field(entry, 2, value_message(value));
    bytes_field(info, 1, entry);
  }
  if (!group_name.empty()) bytes_field(info, 4, group_name);
  double_field(info, 5, start_time_secs);
  return plugin_data(3, info);
}

std::string session_end_content(SessionStatus status, double end_time_secs) {
  std::string info;
  varint_field(info, 1, static_cast<uint64_t>(status));
  double_field(info, 2, end_time_secs);
  return plugin_data(4, info);
}

std::string experiment_content(const std::vector<HParamDomain>& hparams,
                               const std::vector<std::string>& metric_tags,
                               double time_created_secs) {
  std::string experiment;
  double_field(experiment, 3, time_created_secs);
  for (const HParamDomain& domain : hparams) {
    std::string info;
    bytes_field(info, 1, domain.name);
    varint_field(info, 4,
                 domain.type == HParamValue::Kind::Text   ? 1
                 : domain.type == HParamValue::Kind::Bool ? 2
                                                          : 3);
    if (!domain.values.empty()) {
      std::string list;
      for (const HParamValue& value : domain.values) bytes_field(list, 1, value_message(value));
      bytes_field(info, 5, list);
    } else {
      std::string interval;
      double_field(interval, 1, domain.low);
      double_field(interval, 2, domain.high);
      bytes_field(info, 6, interval);
    }
    bytes_field(experiment, 4, info);
  }
  for (const std::string& metric : metric_tags) {
    std::string name;
    bytes_field(name, 2, metric);
    std::string info;
    bytes_field(info, 1, name);
    bytes_field(experiment, 5, info);
  }
  return plugin_data(2, experiment);
}

std::string hparams_event(double wall_time, std::string_view kind, std::string_view content) {
  std::string plugin;
  bytes_field(plugin, 1, "hparams");
  bytes_field(plugin, 2, content);
  std::string metadata;
  bytes_field(metadata, 1, plugin);
  std::string tensor;
  varint_field(tensor, 1, 1);  // DT_FLOAT
  std::string shape;
  bytes_field(shape, 2, "");  // one dimension of size 0: an empty tensor
  bytes_field(tensor, 2, shape);
  std::string value;
  bytes_field(value, 1, std::string("_hparams_/") + std::string(kind));
  bytes_field(value, 8, tensor);
  bytes_field(value, 9, metadata);
  return event(wall_time, 0, {value});
}

std::string scalar_event(double wall_time, int64_t step, std::string_view tag, float value) {
  return event(wall_time, step, {scalar_value(tag, value, true)});
}

std::string scalars_event(double wall_time, int64_t step,
                          const std::vector<std::pair<std::string, float>>& values,
                          bool with_metadata) {
  std::vector<std::string> summary_values;
  summary_values.reserve(values.size());
  for (const auto& [name, value] : values)
    summary_values.push_back(scalar_value(name, value, with_metadata));
  return event(wall_time, step, summary_values);
}

std::string image_event(double wall_time, int64_t step, std::string_view tag, const Image& image) {
  std::string encoded;
  varint_field(encoded, 1, static_cast<uint64_t>(image.height));
  varint_field(encoded, 2, static_cast<uint64_t>(image.width));
  varint_field(encoded, 3, 1);  // colorspace: grayscale
  bytes_field(encoded, 4, encode_png(image));
  std::string summary_value;
  bytes_field(summary_value, 1, tag);
  bytes_field(summary_value, 4, encoded);
  return event(wall_time, step, {summary_value});
}

std::string text_event(double wall_time, int64_t step, std::string_view tag,
                       std::string_view text) {
  std::string tensor;
  varint_field(tensor, 1, 7);  // DT_STRING
  bytes_field(tensor, 2, "");
  bytes_field(tensor, 8, text);
  std::string summary_value;
  bytes_field(summary_value, 1, tag);
  bytes_field(summary_value, 8, tensor);
  bytes_field(summary_value, 9, plugin_metadata("text"));
  return event(wall_time, step, {summary_value});
}

std::string histogram_event(double wall_time, int64_t step, std::string_view tag,
                            const std::vector<float>& values, int buckets) {
  std::vector<double> rows;  // left, right, count per bucket
  if (!values.empty()) {
    const auto [low_at, high_at] = std::minmax_element(values.begin(), values.end());
    const double low = *low_at;
    const double high = *high_at;
    if (high - low == 0) {
      rows = {low - 0.5, low + 0.5, static_cast<double>(values.size())};
    } else {
      const double width = (high - low) / buckets;
      std::vector<double> counts(static_cast<size_t>(buckets), 0.0);
      for (const float v : values) {
        const auto index = static_cast<int>(std::floor((v - low) / width));
        counts[static_cast<size_t>(std::min(index, buckets - 1))] += 1;
      }
      for (int i = 0; i < buckets; ++i) {
        const double left = low + (high - low) * i / buckets;  // numpy's linspace
        const double right = i + 1 == buckets ? high : low + (high - low) * (i + 1) / buckets;
        rows.insert(rows.end(), {left, right, counts[static_cast<size_t>(i)]});
      }
    }
  }
  std::string shape;
  for (const auto size : {static_cast<uint64_t>(rows.size() / 3), uint64_t{3}}) {
    std::string dim;
    if (size != 0) varint_field(dim, 1, size);  // proto3 leaves a zero out
    bytes_field(shape, 2, dim);
  }
  std::string content;
  for (const double v : rows) little_endian(content, v);
  std::string tensor;
  varint_field(tensor, 1, 2);  // DT_DOUBLE
  bytes_field(tensor, 2, shape);
  if (!content.empty()) bytes_field(tensor, 4, content);
  std::string summary_value;
  bytes_field(summary_value, 1, tag);
  bytes_field(summary_value, 8, tensor);
  bytes_field(summary_value, 9, plugin_metadata("histograms"));
  return event(wall_time, step, {summary_value});
}

std::string file_name(double wall_time, int n) {
  return "events.out.tfevents." + std::to_string(static_cast<int64_t>(wall_time)) + "." +
         host_name() + "." + std::to_string(getpid()) + "." + std::to_string(n);
}

}  // namespace gs::tfevents
