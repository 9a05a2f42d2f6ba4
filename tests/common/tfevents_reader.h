// A reader of TensorBoard's event files written from the format's description (TFRecord framing
// with CRC-32C computed bit by bit, protobuf wire format), not from the writer's code: the tests
// read back what GanStudio writes with it.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gs::testing {

struct Field {
  int number = 0;
  int wire = 0;
  uint64_t integer = 0;  // varint, fixed64 or fixed32 bits
  std::string bytes;     // length-delimited
};

std::vector<Field> fields(const std::string& message);
// CRC-32C computed bit by bit (TFRecord's checksum).
uint32_t slow_crc32c(const std::string& data);
const Field* field(const std::vector<Field>& fs, int number);
// The records of a file, each checked against its two CRCs (gtest expectations).
std::vector<std::string> records(const std::string& file);

// An HParams record's content (HParamsPluginData) decoded.
struct HParamsRecord {
  std::string kind;                            // session_start_info, session_end_info, experiment
  std::map<std::string, std::string> hparams;  // session start: name -> value as text
  std::string group;                           // session start
  int status = 0;                              // session end
  std::map<std::string, std::vector<std::string>> discrete;    // experiment: name -> values
  std::map<std::string, std::pair<double, double>> intervals;  // experiment: name -> range
  std::vector<std::string> metrics;                            // experiment: tags
};
HParamsRecord decode_hparams(const std::string& kind, const std::string& content);

struct Events {
  std::map<std::string, std::map<int64_t, float>> scalars;  // tag -> step -> value
  std::map<int64_t, std::pair<int, int>> images;            // step -> (width, height)
  std::map<std::string, std::string> texts;                 // tag -> last text
  std::string version;
  std::map<std::string, std::string> plugins;  // tag -> plugin name
  std::vector<HParamsRecord> hparams;          // in file order
  // tag -> step -> buckets (left edge, right edge, count): the "histograms" plugin's [k, 3]
  // float64 tensors
  std::map<std::string, std::map<int64_t, std::vector<std::array<double, 3>>>> histograms;
};

// A "histograms" tensor (TensorProto bytes) decoded: its buckets; fails the test when its dtype is
// not DT_DOUBLE or its shape not [k, 3].
std::vector<std::array<double, 3>> decode_histogram(const std::string& tensor);

// Every events.out.tfevents.* file of `folder`.
Events read_events(const std::string& folder);

}  // namespace gs::testing
