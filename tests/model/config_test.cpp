#include "model/config/config.h"

#include <gtest/gtest.h>

#include "model/io/error.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;
using testing::write_bytes;

std::string parse_error(const std::string& yaml) {
  try {
    parse_config(yaml, "run.yaml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return {};
}

TEST(Config, DefaultsReproduceTheSeedExceptThePreset) {
  const RunConfig config;
  EXPECT_EQ(config.data.path, "embedded");
  EXPECT_EQ(config.training.batch_size, 64);
  EXPECT_EQ(config.model.noise_dim, 100);
  EXPECT_FALSE(config.model.preset.has_value());

  const RunConfig gpu = resolve(config, /*cuda=*/true);
  EXPECT_EQ(*gpu.model.preset, Preset::Seed);
  EXPECT_EQ(*gpu.training.iterations, 50000);
  EXPECT_DOUBLE_EQ(*gpu.training.learning_rate_d, 1e-4);
  EXPECT_DOUBLE_EQ(*gpu.training.learning_rate_g, 1e-4);
  EXPECT_DOUBLE_EQ(*gpu.training.beta1, 0.9);
  EXPECT_DOUBLE_EQ(*gpu.training.beta2, 0.999);
  EXPECT_DOUBLE_EQ(*gpu.training.epsilon, 1e-7);  // Keras's Adam epsilon
  EXPECT_EQ(gpu.model.g_widths, (std::vector<int>{64, 128, 64, 64}));
  EXPECT_EQ(gpu.model.d_widths, (std::vector<int>{64, 64, 128, 128}));
  EXPECT_EQ(*gpu.training.loop, Loop::SeedExact);
  EXPECT_EQ(*gpu.training.precision, Precision::Fp32);

  const RunConfig cpu = resolve(config, /*cuda=*/false);
  EXPECT_EQ(*cpu.model.preset, Preset::Compact);
  EXPECT_EQ(*cpu.training.iterations, 50000);
  // The CPU default chosen by quality per minute (docs/PERFORMANCE.md).
  EXPECT_DOUBLE_EQ(*cpu.training.learning_rate_d, 4e-4);
  EXPECT_DOUBLE_EQ(*cpu.training.learning_rate_g, 4e-4);
  EXPECT_DOUBLE_EQ(*cpu.training.beta1, 0.5);
  EXPECT_EQ(cpu.model.g_widths, (std::vector<int>{64, 32, 16}));
  EXPECT_EQ(cpu.model.d_widths, (std::vector<int>{16, 32, 64}));
  EXPECT_EQ(*cpu.training.loop, Loop::Fast);
  EXPECT_DOUBLE_EQ(*cpu.training.g_average, 0.999);
  EXPECT_DOUBLE_EQ(*gpu.training.g_average, 0.0);  // the seed keeps the post's behaviour
}

TEST(Config, ParsesEveryKeyOfAFullFile) {
  const RunConfig c = parse_config(R"(
data:
  path: /data/mnist
model:
  preset: seed
  noise_dim: 64
  g_widths: [32, 64, 32, 32]
  d_widths: [16, 16, 32, 32]
training:
  loop: fast
  precision: bf16
  batch_size: 128
  epochs: 2.5
  learning_rate_d: 3e-4
  learning_rate_g: 1e-4
  beta1: 0.5
  beta2: 0.99
  epsilon: 1e-8
  seed: 42
  device: cuda:1
  threads: 4
outputs:
  run_dir: runs/a
  sample_every: 50
  checkpoint_every: 500
  keep_checkpoints: 0
)",
                                   "full.yaml");
  EXPECT_EQ(c.data.path, "/data/mnist");
  EXPECT_EQ(*c.model.preset, Preset::Seed);
  EXPECT_EQ(c.model.noise_dim, 64);
  EXPECT_EQ(c.model.g_widths, (std::vector<int>{32, 64, 32, 32}));
  EXPECT_EQ(*c.training.loop, Loop::Fast);
  EXPECT_EQ(*c.training.precision, Precision::Bf16);
  EXPECT_EQ(c.training.batch_size, 128);
  EXPECT_DOUBLE_EQ(*c.training.epochs, 2.5);
  EXPECT_FALSE(c.training.iterations.has_value());
  EXPECT_DOUBLE_EQ(*c.training.learning_rate_d, 3e-4);
  EXPECT_DOUBLE_EQ(*c.training.epsilon, 1e-8);
  EXPECT_EQ(c.training.seed, 42);
  EXPECT_EQ(c.training.device, "cuda:1");
  EXPECT_EQ(c.training.threads, 4);
  EXPECT_EQ(c.outputs.run_dir, "runs/a");
  EXPECT_EQ(c.outputs.keep_checkpoints, 0);
  EXPECT_EQ(c.where("training.seed"), "full.yaml:19:9: ");
}

TEST(Config, OutOfRangeValueNamesFileLineColumnAndKey) {
  EXPECT_EQ(parse_error("training:\n  batch_size: 64\n  learning_rate_d: -0.1\n"),
            "run.yaml:3:20: training.learning_rate_d must be > 0, got -0.1");
  EXPECT_EQ(parse_error("training:\n  beta1: 1.0\n"),
            "run.yaml:2:10: training.beta1 must be < 1, got 1.0");
  EXPECT_EQ(parse_error("training:\n  learning_rate_g: 20\n"),
            "run.yaml:2:20: training.learning_rate_g must be <= 10, got 20");
  EXPECT_EQ(parse_error("training:\n  batch_size: 0\n"),
            "run.yaml:2:15: training.batch_size must be between 1 and 65536, got 0");
}

TEST(Config, TextValuesRefuseControlCharacters) {
  // Found by fuzzing: a carriage return in a path did not survive the trip through config.yaml.
  EXPECT_EQ(check_value("data.path", std::string("digits\rx")),
            "data.path must not contain control characters, got 0x0d at character 7");
  EXPECT_NE(check_value("outputs.run_dir", std::string("runs/a\0b", 8)), "");
  EXPECT_EQ(check_value("outputs.run_dir", "runs/ünïcode ok"), "");
}

TEST(Config, UnusualValuesAreSaidButAccepted) {
  EXPECT_EQ(check_value("training.learning_rate_d", "5"), "");
  const std::string warning = unusual_value("training.learning_rate_d", "5");
  EXPECT_NE(warning.find("training.learning_rate_d = 5 is unusual"), std::string::npos) << warning;
  EXPECT_EQ(unusual_value("training.learning_rate_g", "0.0002"), "");
  EXPECT_NE(unusual_value("training.beta1", "0.99"), "");
  EXPECT_EQ(unusual_value("training.beta1", "0.5"), "");
  EXPECT_EQ(unusual_value("training.learning_rate_d", "nonsense"), "");  // an error, not advice
  EXPECT_EQ(unusual_value("training.batch_size", "64"), "");
}

TEST(Config, WrongTypeNamesTheKey) {
  EXPECT_EQ(parse_error("training:\n  batch_size: lots\n"),
            "run.yaml:2:15: training.batch_size must be a whole number, got 'lots'");
  EXPECT_EQ(parse_error("training:\n  batch_size: 6.5\n"),
            "run.yaml:2:15: training.batch_size must be a whole number, got '6.5'");
  EXPECT_EQ(parse_error("training:\n  learning_rate_g: [1, 2]\n"),
            "run.yaml:2:20: training.learning_rate_g must be a number, got a list");
  EXPECT_EQ(parse_error("model:\n  preset: big\n"),
            "run.yaml:2:11: model.preset must be one of seed, compact, got 'big'");
  EXPECT_EQ(parse_error("model:\n  g_widths: [64, x]\n"),
            "run.yaml:2:13: model.g_widths[1] must be a whole number, got 'x'");
  EXPECT_EQ(parse_error("training:\n  device: gpu\n"),
            "run.yaml:2:11: training.device must be auto, cpu, cuda or cuda:N, got 'gpu'");
}

TEST(Config, UnknownKeysAreTyposWithASuggestion) {
  EXPECT_EQ(parse_error("training:\n  learnin_rate_d: 0.1\n"),
            "run.yaml:2:3: unknown key training.learnin_rate_d (did you mean "
            "training.learning_rate_d?)");
  EXPECT_EQ(parse_error("trainng:\n  seed: 1\n"),
            "run.yaml:1:1: unknown section trainng (did you mean training?); the sections are "
            "data, model, training, outputs, quality and health");
  EXPECT_EQ(parse_error("model:\n  zzz: 1\n"), "run.yaml:2:3: unknown key model.zzz");
}

TEST(Config, RejectsDuplicatesContradictionsAndBadShapes) {
  EXPECT_EQ(parse_error("training:\n  seed: 1\n  seed: 2\n"),
            "run.yaml:3:3: training.seed is set twice");
  EXPECT_EQ(parse_error("training:\n  iterations: 10\n  epochs: 1\n"),
            "run.yaml:3:11: training.epochs and training.iterations are both set; set only one");
  EXPECT_EQ(parse_error("training: 5\n"),
            "run.yaml:1:11: training must be a mapping of keys to values, got '5'");
  EXPECT_NE(parse_error("- a\n- b\n").find("run.yaml:1:1: a run configuration is a mapping"),
            std::string::npos);
}

TEST(Config, SyntaxErrorsNameLineAndColumn) {
  const std::string message = parse_error("training:\n  seed: [1, 2\n");
  EXPECT_EQ(message.rfind("run.yaml:", 0), 0u) << message;
  EXPECT_NE(message.find("YAML syntax error"), std::string::npos) << message;
}

TEST(Config, EmptyFileAndNullValuesMeanDefaults) {
  const RunConfig empty = parse_config("", "empty.yaml");
  EXPECT_EQ(empty.training.batch_size, 64);
  const RunConfig nulls =
      parse_config("training:\n  batch_size:\n  learning_rate_d: ~\n", "n.yaml");
  EXPECT_EQ(nulls.training.batch_size, 64);
  EXPECT_FALSE(nulls.training.learning_rate_d.has_value());
}

TEST(Config, LoadConfigNamesTheFile) {
  TempDir dir;
  write_bytes(dir.file("run.yaml"), "training:\n  threads: -1\n");
  try {
    load_config(dir.file("run.yaml"));
    FAIL() << "expected an error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.file("run.yaml") + ":2:12: training.threads must be between 0 and 1024, got -1");
  }
  EXPECT_THROW(load_config(dir.file("absent.yaml")), ConfigError);
}

TEST(Config, AssignmentsOverrideAndExplainMistakes) {
  RunConfig config;
  apply_assignment(config, "model.preset=compact");
  apply_assignment(config, "training.learning_rate_d=1e-3");
  apply_assignment(config, "model.d_widths=[8, 16, 32]");
  EXPECT_EQ(*config.model.preset, Preset::Compact);
  EXPECT_DOUBLE_EQ(*config.training.learning_rate_d, 1e-3);
  EXPECT_EQ(config.model.d_widths, (std::vector<int>{8, 16, 32}));
  EXPECT_EQ(config.where("model.preset"), "--set model.preset=compact: ");

  auto error_of = [&](const std::string& assignment) {
    try {
      apply_assignment(config, assignment);
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  EXPECT_EQ(
      error_of("training.batch_size=-4"),
      "--set training.batch_size=-4: training.batch_size must be between 1 and 65536, got -4");
  EXPECT_EQ(error_of("training.lr=1"), "--set training.lr=1: unknown key training.lr");
  EXPECT_EQ(error_of("model.preset"),
            "--set model.preset: expected key=value, for example training.seed=3");
  apply_assignment(config, "training.iterations=5");
  EXPECT_EQ(error_of("training.epochs=2"),
            "--set training.epochs=2: training.epochs and training.iterations are both set; set "
            "only one");
  EXPECT_EQ(*config.training.iterations, 5);  // a failed assignment changes nothing
  EXPECT_FALSE(config.training.epochs.has_value());
}

TEST(Config, CheckValueExplainsWhatTheWindowRejects) {
  EXPECT_EQ(check_value("training.batch_size", "32"), "");
  EXPECT_EQ(check_value("training.batch_size", "abc"),
            "training.batch_size must be a whole number, got 'abc'");
  EXPECT_EQ(check_value("training.learning_rate_g", "0"),
            "training.learning_rate_g must be > 0, got 0");
}

TEST(Config, YamlRoundTripsEveryValue) {
  RunConfig config = resolve(parse_config("training:\n  epochs: 3\n  seed: 9\n  device: cpu\n"
                                          "data:\n  path: 'my data: new'\n",
                                          "a.yaml"),
                             false);
  const RunConfig again = parse_config(to_yaml(config), "b.yaml");
  for (const std::string& key : config_keys()) {
    EXPECT_EQ(get_value(again, key), get_value(config, key)) << key;
  }
  EXPECT_EQ(again.data.path, "my data: new");
  EXPECT_DOUBLE_EQ(*again.training.epsilon, 1e-8);
  EXPECT_FALSE(again.training.iterations.has_value());
}

TEST(Config, SaveConfigWritesAFileThatLoads) {
  TempDir dir;
  RunConfig config;
  config.training.seed = 123;
  save_config(config, dir.file("saved.yaml"));
  EXPECT_EQ(load_config(dir.file("saved.yaml")).training.seed, 123);
  EXPECT_THROW(save_config(config, dir.file("no/such/folder/x.yaml")), Error);
}

TEST(Config, ResolveChecksWidthsPerPresetAndNamesTheOrigin) {
  const RunConfig config =
      parse_config("model:\n  preset: seed\n  g_widths: [8, 8, 8]\n", "w.yaml");
  try {
    resolve(config, false);
    FAIL() << "expected an error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "w.yaml:3:13: model.g_widths has 3 values; the seed preset takes 4 (the dense "
              "layer's channels, then three convolutions)");
  }
}

TEST(Config, EpochsBecomeIterationsRoundedUp) {
  TrainingConfig t;
  t.batch_size = 64;
  t.epochs = 1.0;
  EXPECT_EQ(total_iterations(t, 10000), 157);  // ceil(10000 / 64)
  t.epochs = 0.001;
  EXPECT_EQ(total_iterations(t, 10000), 1);
  t.epochs.reset();
  t.iterations = 42;
  EXPECT_EQ(total_iterations(t, 10000), 42);
}

TEST(Config, EveryKeyHasADescription) {
  for (const std::string& key : config_keys()) EXPECT_FALSE(describe_key(key).empty()) << key;
  for (const char* kept :
       {"model.preset", "model.noise_dim", "training.iterations", "training.epochs",
        "training.batch_size", "training.learning_rate_d", "training.learning_rate_g",
        "training.seed", "training.device", "training.threads", "data.path"}) {
    EXPECT_FALSE(describe_key(kept).empty()) << kept << " is a key scripts rely on";
  }
}

}  // namespace
}  // namespace gs
