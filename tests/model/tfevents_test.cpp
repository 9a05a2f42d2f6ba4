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
#include "tests/common/tfevents_reader.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::Events;
using testing::field;
using testing::fields;
using testing::read_events;
using testing::records;
using testing::slow_crc32c;
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

// A histogram as summary_v2.py's histogram_pb() builds it (its _buckets() read from TensorBoard's
// source): pinned by bytes, then decoded by the tests' own reader.
TEST(TfEvents, AHistogramIsTheHistogramsPluginsTensor) {
  auto doubles = [](std::initializer_list<double> values) {
    std::string out;
    for (const double v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
    return out;
  };
  // SummaryMetadata {plugin_data {plugin_name "histograms"}}: HistogramPluginData version 0 is
  // the empty content, left out.
  const std::string metadata = bytes({0x4a, 0x0e, 0x0a, 0x0c, 0x0a, 0x0a}) + "histograms";
  const auto value_of = [&](const std::string& event) {
    return fields(fields(field(fields(event), 5)->bytes)[0].bytes);
  };
  // {1, 2, 2, 4} in 3 buckets: [1, 2) holds 1, [2, 3) holds 2, [3, 4] holds 1.
  const std::string event =
      tfevents::histogram_event(1.5, 7, "D/real", {1.0f, 2.0f, 2.0f, 4.0f}, 3);
  const std::string tensor = bytes({0x08, 0x02}) +  // DT_DOUBLE
                             bytes({0x12, 0x08, 0x12, 0x02, 0x08, 0x03, 0x12, 0x02, 0x08, 0x03}) +
                             bytes({0x22, 0x48}) + doubles({1, 2, 1, 2, 3, 2, 3, 4, 1});
  const std::string value =
      bytes({0x0a, 0x06}) + "D/real" + bytes({0x42, 0x56}) + tensor + metadata;  // 114 bytes
  const std::string expected = bytes({0x09}) + doubles({1.5}) + bytes({0x10, 0x07}) +
                               bytes({0x2a, static_cast<uint8_t>(value.size() + 2), 0x0a,
                                      static_cast<uint8_t>(value.size())}) +
                               value;
  EXPECT_EQ(event, expected);
  const auto buckets = testing::decode_histogram(field(value_of(event), 8)->bytes);
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_EQ(buckets[1], (std::array<double, 3>{2, 3, 2}));
  EXPECT_EQ(buckets[2], (std::array<double, 3>{3, 4, 1}));

  // All values equal: one bucket of width 1 around them. No values: a [0, 3] tensor.
  const auto single = testing::decode_histogram(
      field(value_of(tfevents::histogram_event(0, 1, "t", {5.0f, 5.0f})), 8)->bytes);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0], (std::array<double, 3>{4.5, 5.5, 2}));
  EXPECT_EQ(field(value_of(tfevents::histogram_event(0, 1, "t", {})), 8)->bytes,
            bytes({0x08, 0x02, 0x12, 0x06, 0x12, 0x00, 0x12, 0x02, 0x08, 0x03}));
  // 30 buckets by default, as TensorBoard's; every value counted once.
  std::vector<float> many;
  for (int i = 0; i < 1000; ++i) many.push_back(static_cast<float>(i % 97) / 97.0f);
  const auto thirty = testing::decode_histogram(
      field(value_of(tfevents::histogram_event(0, 1, "t", many)), 8)->bytes);
  ASSERT_EQ(thirty.size(), 30u);
  double total = 0;
  for (const auto& bucket : thirty) total += bucket[2];
  EXPECT_EQ(total, 1000.0);
  EXPECT_EQ(thirty.back()[1], 96.0f / 97.0f);
}

TEST(TfEvents, AWholeRunReadsBackAsItsMetricsGridsAndConfiguration) {
  TempDir dir;
  const std::string path = dir.file("run");
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = 12;
  config.outputs.sample_every = 5;
  config.outputs.checkpoint_every = 0;
  config.outputs.score_samples = 16;
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
  // D's outputs on reals and fakes with each grid, as histograms of the score samples.
  ASSERT_EQ(events.histograms.at("D output distribution/real").size(), events.images.size());
  double counted = 0;
  for (const auto& bucket : events.histograms.at("D output distribution/fake").at(10)) {
    EXPECT_GE(bucket[0], 0.0);  // probabilities (bce)
    EXPECT_LE(bucket[1], 1.0);
    counted += bucket[2];
  }
  EXPECT_EQ(counted, config.outputs.score_samples);
  EXPECT_NE(events.texts.at("configuration").find("preset: compact"), std::string::npos);
  EXPECT_NE(events.texts.at("changes").find("training.learning_rate_d"), std::string::npos);
  EXPECT_FLOAT_EQ(events.scalars.at("settings/training.learning_rate_d").at(13), 1e-3f);
  // TensorBoard's HParams tab: the session's settings and its group at the start, success at
  // the end of a complete run.
  ASSERT_EQ(events.hparams.size(), 2u);
  const testing::HParamsRecord& start = events.hparams[0];
  EXPECT_EQ(start.kind, "session_start_info");
  EXPECT_EQ(start.group, "run");
  EXPECT_EQ(start.hparams.at("model.preset"), "compact");
  EXPECT_EQ(start.hparams.at("training.learning_rate_d"), "0.0004");
  EXPECT_EQ(start.hparams.at("training.batch_size"), "8");
  EXPECT_EQ(events.hparams[1].kind, "session_end_info");
  EXPECT_EQ(events.hparams[1].status, 1);
}

// The HParams plugin's records, encoded by hand from plugin_data.proto and api.proto's field
// numbers (as summary_v2.py writes them) and pinned here byte for byte.
TEST(TfEvents, TheHParamsRecordsArePinnedByBytes) {
  auto hex = [](const std::string& text) {
    std::string out;
    for (size_t i = 0; i + 1 < text.size(); i += 2) {
      out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
    }
    return out;
  };
  // {lr: 0.0002}, group "run-a", started at the time these 8 bytes hold.
  const std::string start =
      hex("1a210a0f0a026c721209112d431cebe2362a3f220572756e2d612900000040fc54d941");
  tfevents::HParamValue lr;
  lr.kind = tfevents::HParamValue::Kind::Number;
  lr.number = 0.0002;
  EXPECT_EQ(tfevents::session_start_content({{"lr", lr}}, "run-a", double_from(start.substr(27))),
            start);
  // Success at 1.5 s: HParamsPluginData.session_end_info {status 1, end_time_secs 1.5}.
  EXPECT_EQ(tfevents::session_end_content(tfevents::SessionStatus::Success, 1.5),
            bytes({0x22, 0x0b, 0x08, 0x01, 0x11, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f}));
  // An experiment of one text setting with two values and one metric, created at 0.
  tfevents::HParamDomain loss;
  loss.name = "training.loss";
  loss.type = tfevents::HParamValue::Kind::Text;
  for (const char* name : {"bce", "hinge"}) {
    tfevents::HParamValue value;
    value.text = name;
    loss.values.push_back(value);
  }
  const std::string info = bytes({0x0a, 0x0d}) + "training.loss" + bytes({0x20, 0x01}) +
                           bytes({0x2a, 0x10, 0x0a, 0x05, 0x1a, 0x03}) + "bce" +
                           bytes({0x0a, 0x07, 0x1a, 0x05}) + "hinge";
  const std::string metric = bytes({0x0a, 0x0c, 0x12, 0x0a}) + "quality/FD";
  const std::string experiment = bytes({0x19, 0, 0, 0, 0, 0, 0, 0, 0}) + bytes({0x22, 0x23}) +
                                 info + bytes({0x2a, 0x0e}) + metric;
  EXPECT_EQ(tfevents::experiment_content({loss}, {"quality/FD"}, 0.0),
            bytes({0x12, 0x3e}) + experiment);
  // An interval domain, and the event around a record, read back by the tests' own reader.
  tfevents::HParamDomain rate;
  rate.name = "training.learning_rate_d";
  rate.low = 1e-5;
  rate.high = 1e-3;
  const std::string event = tfevents::hparams_event(
      7.0, "experiment", tfevents::experiment_content({loss, rate}, {"quality/FD"}, 7.0));
  const std::vector<testing::Field> e = fields(event);
  const std::vector<testing::Field> value = fields(fields(field(e, 5)->bytes)[0].bytes);
  EXPECT_EQ(field(value, 1)->bytes, "_hparams_/experiment");
  EXPECT_EQ(field(value, 8)->bytes, bytes({0x08, 0x01, 0x12, 0x02, 0x12, 0x00}));  // empty float
  const std::vector<testing::Field> plugin = fields(fields(field(value, 9)->bytes)[0].bytes);
  EXPECT_EQ(field(plugin, 1)->bytes, "hparams");
  const testing::HParamsRecord record =
      testing::decode_hparams("experiment", field(plugin, 2)->bytes);
  EXPECT_EQ(record.discrete.at("training.loss"), (std::vector<std::string>{"bce", "hinge"}));
  EXPECT_DOUBLE_EQ(record.intervals.at("training.learning_rate_d").first, 1e-5);
  EXPECT_DOUBLE_EQ(record.intervals.at("training.learning_rate_d").second, 1e-3);
  EXPECT_EQ(record.metrics, (std::vector<std::string>{"quality/FD"}));
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
                                                 "\n1,100,3.5,2,2,0.1,0.9,0.5,0.5,0.25;0.75,,\n");
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
