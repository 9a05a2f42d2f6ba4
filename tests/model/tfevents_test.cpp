// TensorBoard's event files: the exact bytes of TensorBoard's own reader test vectors
// (tensorflow/tensorboard, tensorboard/data/server/tf_record.rs), and a whole run's file read back
// by a reader written here from the format's description (not the writer's code).
#include "model/io/tfevents.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/run_directory.h"
#include "model/runs/tensorboard_log.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out += static_cast<char>(v);
  return out;
}

double double_from(const std::string& raw) {
  double value = 0;
  std::memcpy(&value, raw.data(), sizeof value);
  return value;
}

// --- A reader of the format, for these tests ----------------------------------------------------

struct Field {
  int number = 0;
  int wire = 0;
  uint64_t integer = 0;  // varint, fixed64 or fixed32 bits
  std::string bytes;     // length-delimited
};

uint64_t read_varint(const std::string& in, size_t& at) {
  uint64_t value = 0;
  for (int shift = 0; at < in.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<uint8_t>(in[at++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
  throw std::runtime_error("bad varint");
}

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

// The records of a file, each checked against its two CRCs (computed here bit by bit).
uint32_t slow_crc32c(const std::string& data) {
  uint32_t crc = 0xffffffff;
  for (const char c : data) {
    crc ^= static_cast<uint8_t>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0x82f63b78 & (0u - (crc & 1)));
  }
  return ~crc;
}
uint32_t mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8; }

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

struct Events {
  std::map<std::string, std::map<int64_t, float>> scalars;  // tag -> step -> value
  std::map<int64_t, std::pair<int, int>> images;            // step -> (width, height)
  std::map<std::string, std::string> texts;                 // tag -> last text
  std::string version;
  std::map<std::string, std::string> plugins;  // tag -> plugin name
};

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
          }
        }
      }
    }
  }
  return events;
}

// --- The tests ----------------------------------------------------------------------------------

TEST(TfEvents, Crc32cHasTheCastagnoliCheckValue) {
  EXPECT_EQ(tfevents::crc32c("123456789"), 0xe3069283u);
  EXPECT_EQ(tfevents::crc32c("123456789"), slow_crc32c("123456789"));
}

TEST(TfEvents, TheVersionRecordIsTensorBoardsTestVector) {
  const std::string contents =
      bytes({0x09, 0x00, 0x00, 0x80, 0x38, 0x99, 0xd6, 0xd7, 0x41, 0x1a, 0x0d}) + "brain.Event:2";
  const std::string expected = bytes({0x18, 0, 0, 0, 0, 0, 0, 0}) +  // length: 24
                               bytes({0xa3, 0x7f, 0x4b, 0x22}) +     // its masked CRC
                               contents + bytes({0x12, 0x4b, 0x36, 0xab});
  const double wall_time = double_from(contents.substr(1, 8));
  EXPECT_EQ(tfevents::frame(tfevents::version_event(wall_time)), expected);
  EXPECT_EQ(tfevents::masked_crc32c(expected.substr(0, 8)), 0x224b7fa3u);
}

TEST(TfEvents, AScalarRecordIsTensorBoardsTestVector) {
  // tf.summary.scalar("accuracy", 0.99, step=77), as TensorBoard's reader test has it.
  const std::string contents = bytes({0x09, 0xc4, 0x05, 0xb7, 0x3d, 0x99, 0xd6, 0xd7, 0x41, 0x10,
                                      0x4d, 0x2a, 0x25, 0x0a, 0x23, 0x0a, 0x08}) +
                               "accuracy" +
                               bytes({0x42, 0x0a, 0x08, 0x01, 0x12, 0x00, 0x22, 0x04, 0xa4, 0x70,
                                      0x7d, 0x3f, 0x4a, 0x0b, 0x0a, 0x09, 0x0a, 0x07}) +
                               "scalars";
  const std::string expected = bytes({0x32, 0, 0, 0, 0, 0, 0, 0}) +
                               bytes({0x24, 0x19, 0x56, 0xec}) + contents +
                               bytes({0xa5, 0x5b, 0x64, 0x33});
  const double wall_time = double_from(contents.substr(1, 8));
  EXPECT_EQ(tfevents::frame(tfevents::scalar_event(wall_time, 77, "accuracy", 0.99f)), expected);
}

TEST(TfEvents, AWholeRunReadsBackAsItsMetricsGridsAndConfiguration) {
  TempDir dir;
  const std::string path = dir.file("run");
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = 12;
  config.outputs.sample_every = 5;
  config.outputs.checkpoint_every = 0;
  {
    auto run = TrainingRun::start(config, path);
    for (int i = 0; i < 12; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
    RunConfig live = run->config();
    live.training.learning_rate_d = 1e-3;
    run->change_settings(live);
    run->finish();
    EXPECT_EQ(run->tensorboard_error(), "");
  }
  const Events events = read_events(path);
  EXPECT_EQ(events.version, "brain.Event:2");
  const std::vector<StepStats> rows = read_metrics(path + "/metrics.csv");
  ASSERT_EQ(rows.size(), 12u);
  ASSERT_EQ(events.scalars.at("loss/D").size(), rows.size());
  // metrics.csv holds 6 significant digits; the events hold the floats.
  auto same = [](float event, float row) {
    return std::abs(event - row) <= 1e-5f * (1 + std::abs(row));
  };
  for (const StepStats& row : rows) {
    EXPECT_TRUE(same(events.scalars.at("loss/D").at(row.iteration), row.d_loss));
    EXPECT_TRUE(same(events.scalars.at("loss/G").at(row.iteration), row.g_loss));
    EXPECT_TRUE(same(events.scalars.at("accuracy/D").at(row.iteration), row.d_acc));
    EXPECT_TRUE(same(events.scalars.at("accuracy/G").at(row.iteration), row.g_acc));
    EXPECT_TRUE(same(events.scalars.at("D output/real").at(row.iteration), row.d_real));
    EXPECT_TRUE(same(events.scalars.at("gradient norm/G").at(row.iteration), row.g_grad_norm));
    EXPECT_TRUE(same(events.scalars.at("augmentation/p").at(row.iteration), row.augment_p));
  }
  // Grids at 5, 10 and the last iteration, as images the size of the 8x8 grid.
  EXPECT_EQ(events.images.size(), RunDirectory::sample_grids(path).size());
  EXPECT_TRUE(events.images.count(10));
  EXPECT_EQ(events.images.at(10).first, 8 * 30 + 2);
  EXPECT_NE(events.texts.at("configuration").find("preset: compact"), std::string::npos);
  EXPECT_NE(events.texts.at("changes").find("training.learning_rate_d"), std::string::npos);
  EXPECT_FLOAT_EQ(events.scalars.at("settings/training.learning_rate_d").at(13), 1e-3f);
}

TEST(TfEvents, OffWritesNoFileAndAnOldRunCanBeExported) {
  TempDir dir;
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.outputs.tensorboard = false;
  config.outputs.sample_every = 2;
  {
    auto run = TrainingRun::start(config, dir.file("run"));
    for (int i = 0; i < 5; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
    run->finish();
  }
  for (const auto& entry : fs::directory_iterator(dir.file("run")))
    EXPECT_EQ(entry.path().filename().string().find("tfevents"), std::string::npos);
  const std::string file = export_tensorboard(dir.file("run"), dir.file("tb/old-run"));
  EXPECT_EQ(fs::path(file).parent_path(), fs::path(dir.file("tb/old-run")));
  const Events events = read_events(dir.file("tb/old-run"));
  EXPECT_EQ(events.scalars.at("loss/G").size(), 5u);
  EXPECT_EQ(events.images.size(), 3u);  // iterations 2, 4 and the last
  EXPECT_NE(events.texts.at("configuration").find("tensorboard: false"), std::string::npos);
  try {
    export_tensorboard(dir.file("nothing"), dir.file("tb/x"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(dir.file("nothing")), std::string::npos);
  }
}

TEST(TfEvents, TheClassesAndTheSamplesPerClassGoByTheirNames) {
  TempDir dir;
  const std::string run = dir.file("run");
  fs::create_directories(run);
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.model.class_names = {"cats", "dogs|wolves"};
  save_config(config, run + "/config.yaml");
  testing::write_bytes(run + "/metrics.csv",
                       std::string(kMetricsHeader) + "\n1,1,1,1,1,1,1,1,1,1,1,0.25\n");
  testing::write_bytes(run + "/quality.csv", std::string(kQualityHeader) +
                                                 "\n1,100,3.5,2,2,0.1,0.9,0.5,0.5,0.25;0.75,\n");
  export_tensorboard(run, dir.file("tb"));
  const Events events = read_events(dir.file("tb"));
  EXPECT_EQ(events.texts.at("classes"),
            "| label | class |\n|---:|:---|\n| 0 | cats |\n| 1 | dogs/wolves |\n");
  EXPECT_EQ(events.texts.at("quality/samples per class"),
            "| label | class | samples |\n|---:|:---|---:|\n| 0 | cats | 25.0% |\n"
            "| 1 | dogs/wolves | 75.0% |\n");
  EXPECT_FLOAT_EQ(events.scalars.at("augmentation/p").at(1), 0.25f);
}

}  // namespace
}  // namespace gs
