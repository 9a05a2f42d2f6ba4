// TensorBoard's event files (events.out.tfevents.*): TFRecord framing with masked CRC-32C around
// Event messages, hand-encoded. We write five kinds of message (the version record, scalars,
// images, text, nothing nested deeper than four levels), so a dozen lines of protobuf wire format
// are smaller and safer than a generated library and a build-time compiler: nothing to keep in
// step with TensorBoard's .proto files beyond the field numbers named here, no allocation
// surprises, and the bytes are checked against TensorBoard's own reader test vectors.
//
// Field numbers (tensorboard/compat/proto): Event {wall_time 1 double, step 2 int64,
// file_version 3 string, summary 5}; Summary {value 1}; Summary.Value {tag 1, image 4, tensor 8,
// metadata 9}; Summary.Image {height 1, width 2, colorspace 3, encoded_image_string 4};
// TensorProto {dtype 1, tensor_shape 2 {dim 2 {size 1}}, tensor_content 4, string_val 8};
// SummaryMetadata {plugin_data 1 {plugin_name 1}}.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/io/images.h"

namespace gs::tfevents {

// CRC-32C (Castagnoli, reflected 0x82F63B78) and TFRecord's mask of it.
uint32_t crc32c(std::string_view bytes);
uint32_t masked_crc32c(std::string_view bytes);

// One TFRecord: length (uint64 LE), its masked CRC, the payload, the payload's masked CRC.
std::string frame(std::string_view payload);

// Event payloads (unframed).
std::string version_event(double wall_time);  // file_version "brain.Event:2"
// A scalar as TensorFlow 2 writes it: a float tensor with the "scalars" plugin's metadata.
std::string scalar_event(double wall_time, int64_t step, std::string_view tag, float value);
// Several scalars of one step in one event (smaller files); the "scalars" plugin's metadata only
// when `with_metadata` (TensorBoard reads it from a tag's first value in a file).
std::string scalars_event(double wall_time, int64_t step,
                          const std::vector<std::pair<std::string, float>>& values,
                          bool with_metadata);
// A grayscale image (PNG-encoded here).
std::string image_event(double wall_time, int64_t step, std::string_view tag, const Image& image);
// A histogram as the "histograms" plugin's summary_v2.py writes it: a float64 tensor [k, 3] of
// (left edge, right edge, count) rows, `buckets` equal buckets from the least to the greatest
// value (the last one closed), one bucket [v - 0.5, v + 0.5] when every value is v, none for no
// values; the plugin's metadata with an empty content (HistogramPluginData version 0).
std::string histogram_event(double wall_time, int64_t step, std::string_view tag,
                            const std::vector<float>& values, int buckets = 30);
// Text (Markdown) for TensorBoard's Text tab: a string tensor with the "text" plugin's metadata.
std::string text_event(double wall_time, int64_t step, std::string_view tag, std::string_view text);

// The HParams plugin's records (tensorboard/plugins/hparams: plugin_data.proto, api.proto, as
// summary_v2.py writes them): a Summary.Value tagged "_hparams_/<kind>" whose metadata carries the
// plugin's HParamsPluginData {version 1, experiment 2, session_start_info 3, session_end_info 4}
// as content, and whose tensor is an empty float tensor. Field numbers: SessionStartInfo {hparams
// 1 (map<string, google.protobuf.Value>: key 1, value 2), group_name 4, start_time_secs 5};
// SessionEndInfo {status 1, end_time_secs 2}; google.protobuf.Value {number_value 2,
// string_value 3, bool_value 4}; Experiment {time_created_secs 3, hparam_infos 4, metric_infos 5};
// HParamInfo {name 1, type 4 (1 string, 2 bool, 3 float64), domain_discrete 5 (ListValue:
// values 1), domain_interval 6 {min_value 1, max_value 2}}; MetricInfo {name 1 (MetricName: group
// 1, tag 2)}.
struct HParamValue {
  enum class Kind { Number, Text, Bool };
  Kind kind = Kind::Text;
  double number = 0;
  std::string text;
  bool flag = false;
  // "1e-4" is a number, "true"/"false" a bool, anything else text.
  static HParamValue from_text(const std::string& text);
};
struct HParamDomain {
  std::string name;
  HParamValue::Kind type = HParamValue::Kind::Number;
  std::vector<HParamValue> values;  // a discrete domain; empty: the interval
  double low = 0;
  double high = 0;
};
enum class SessionStatus { Success = 1, Failure = 2, Running = 3 };

// The content (HParamsPluginData) of each record, and the event holding it.
std::string session_start_content(const std::vector<std::pair<std::string, HParamValue>>& hparams,
                                  std::string_view group_name, double start_time_secs);
std::string session_end_content(SessionStatus status, double end_time_secs);
std::string experiment_content(const std::vector<HParamDomain>& hparams,
                               const std::vector<std::string>& metric_tags,
                               double time_created_secs);
// kind: "session_start_info", "session_end_info" or "experiment".
std::string hparams_event(double wall_time, std::string_view kind, std::string_view content);

// The file name TensorBoard looks for: events.out.tfevents.<seconds>.<host>.<pid>.<n>.
std::string file_name(double wall_time, int n = 0);

}  // namespace gs::tfevents
