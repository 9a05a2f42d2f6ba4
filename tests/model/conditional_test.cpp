// Issue 15: conditional networks, image shapes, spectral normalisation, and data of other shapes
// (an RGB folder the test makes, Fashion-MNIST) through training, sampling and exports.
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/linalg.h>

#include <array>
#include <filesystem>

#include "model/core/grid.h"
#include "model/data/image_files.h"
#include "model/exports/exports.h"
#include "model/io/error.h"
#include "model/networks/networks.h"
#include "model/quality/quality_meter.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::conditional_config;
using testing::small_digits;
using testing::TempDir;
using testing::tiny_config;

ModelConfig resolved_model(Preset preset, bool conditional = false, bool spectral = false) {
  RunConfig config;
  config.model.preset = preset;
  config.model.conditional = conditional;
  config.model.classes = conditional ? 10 : 0;
  config.model.spectral_norm = spectral;
  return resolve(config, false).model;
}

void initialize(Network& network, Preset preset) {
  at::Generator rng = at::detail::createCPUGenerator(3);
  initialize_weights(network, preset, rng);
}

class ShapeTest : public ::testing::TestWithParam<std::tuple<Preset, int, int>> {};

TEST_P(ShapeTest, NetworksMakeAndJudgeImagesOfTheShape) {
  const auto [preset, side, channels] = GetParam();
  const ImageShape shape{channels, side};
  auto g = make_generator(resolved_model(preset), shape);
  auto d = make_discriminator(resolved_model(preset), shape);
  g->eval();
  d->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor images = g->forward(torch::randn({3, 100}));
  EXPECT_EQ(images.sizes(), (std::vector<int64_t>{3, channels, side, side}));
  EXPECT_EQ(d->forward(images).sizes(), (std::vector<int64_t>{3, 1}));
}

INSTANTIATE_TEST_SUITE_P(Shapes, ShapeTest,
                         ::testing::Combine(::testing::Values(Preset::Seed, Preset::Compact),
                                            ::testing::Values(28, 32, 64),
                                            ::testing::Values(1, 3)));

TEST(ConditionalNetworks, TheLabelChangesWhatGDrawsAndHowDJudges) {
  for (Preset preset : {Preset::Seed, Preset::Compact}) {
    auto g = make_generator(resolved_model(preset, true));
    auto d = make_discriminator(resolved_model(preset, true));
    initialize(*g, preset);
    initialize(*d, preset);
    EXPECT_EQ(g->classes(), 10);
    EXPECT_EQ(d->classes(), 10);
    g->eval();
    d->eval();
    torch::NoGradGuard no_grad;
    const torch::Tensor z = torch::randn({1, 100}).repeat({2, 1});  // one z, twice
    const torch::Tensor labels = torch::tensor({3, 7}, torch::kLong);
    const torch::Tensor images = g->conditioned(z, labels);
    EXPECT_EQ(images.sizes(), (std::vector<int64_t>{2, 1, 28, 28}));
    EXPECT_GT((images[0] - images[1]).abs().max().item<float>(), 1e-4);
    const torch::Tensor same = images[0].unsqueeze(0).repeat({2, 1, 1, 1});
    const torch::Tensor scores = d->conditioned(same, labels);
    EXPECT_EQ(scores.sizes(), (std::vector<int64_t>{2, 1}));
    EXPECT_NE(scores[0].item<float>(), scores[1].item<float>());
    EXPECT_THROW(g->forward(z), Error);  // a conditional G needs its labels
  }
}

TEST(ConditionalNetworks, GTakesTheOneHotLabelBesideZAndDAProjection) {
  const auto plain_g = make_generator(resolved_model(Preset::Seed));
  const auto g = make_generator(resolved_model(Preset::Seed, true));
  // The dense layer takes 10 more inputs: 10 x 3136 weights more.
  EXPECT_EQ(count_parameters(*g) - count_parameters(*plain_g), 10 * 7 * 7 * 64);
  const auto plain_d = make_discriminator(resolved_model(Preset::Seed));
  const auto d = make_discriminator(resolved_model(Preset::Seed, true));
  // An embedding of each class onto D's 4 x 4 x 128 features.
  EXPECT_EQ(count_parameters(*d) - count_parameters(*plain_d), 10 * 4 * 4 * 128);
}

TEST(SpectralNorm, PowerIterationFindsTheLargestSingularValue) {
  auto d = make_discriminator(resolved_model(Preset::Compact, false, true));
  initialize(*d, Preset::Compact);
  d->train();
  for (int i = 0; i < 30; ++i) d->forward(torch::randn({2, 1, 28, 28}));
  int checked = 0;
  for (const auto& item : d->named_buffers()) {
    const std::string& name = item.key();
    if (name.size() < 5 || name.substr(name.size() - 5) != "_sn_u") continue;
    const std::string layer = name.substr(0, name.size() - 5);
    const torch::Tensor weight = d->named_parameters()[layer + ".weight"].detach().flatten(1);
    const double estimate = torch::mv(weight.t(), item.value()).norm().item<double>();
    const double largest = torch::linalg_matrix_norm(weight, 2).item<double>();
    EXPECT_NEAR(estimate / largest, 1.0, 0.02) << layer;
    ++checked;
  }
  EXPECT_EQ(checked, 4);  // conv1, conv2, conv3, conv_out
  // Without it, D has no such buffers and the same parameters.
  auto plain = make_discriminator(resolved_model(Preset::Compact));
  EXPECT_EQ(count_parameters(*plain), count_parameters(*d));
  EXPECT_TRUE(plain->named_buffers().size() < d->named_buffers().size());
}

TEST(ConditionalTraining, TheGridHasARowPerClassAndTheSamplerDrawsTheClassAskedFor) {
  TempDir dir;
  Trainer trainer(conditional_config(Preset::Seed), small_digits(256));
  EXPECT_EQ(trainer.config().model.classes, 10);
  for (int i = 0; i < 3; ++i) {
    const StepStats s = trainer.step();
    EXPECT_TRUE(std::isfinite(s.d_loss) && std::isfinite(s.g_loss));
  }
  const ImageBatch grid = trainer.fixed_samples();
  EXPECT_EQ(grid.count, 10 * kGridColumns);
  const std::vector<int> labels = trainer.fixed_labels();
  ASSERT_EQ(labels.size(), 80u);
  EXPECT_EQ(labels[0], 0);
  EXPECT_EQ(labels[7], 0);
  EXPECT_EQ(labels[8], 1);
  EXPECT_EQ(labels[79], 9);

  const std::string checkpoint = dir.file("c.pt");
  trainer.save_checkpoint(checkpoint);
  Sampler sampler = Sampler::from_checkpoint(checkpoint);
  EXPECT_EQ(sampler.classes(), 10);
  EXPECT_EQ(sampler.grid_labels(), labels);
  EXPECT_EQ(sampler.labels_for(3, 7), (std::vector<int>{7, 7, 7}));
  EXPECT_EQ(sampler.labels_for(12, -1)[11], 1);
  // The same z drawn as class 7 and as the classes in turn: only the seventh is the same image.
  const ImageBatch sevens = sampler.generate(10, 5, 7);
  const ImageBatch each = sampler.generate(10, 5);
  EXPECT_EQ(sevens.image(7).pixels, each.image(7).pixels);
  EXPECT_NE(sevens.image(3).pixels, each.image(3).pixels);
  // The sampler's grid is the trainer's.
  EXPECT_EQ(sampler.render(sampler.grid_latents(), sampler.grid_labels()).pixels, grid.pixels);
  EXPECT_THROW(sampler.generate(1, 0, 10), Error);

  // A run folder's checkpoint resumes into a conditional trainer and not into a plain one.
  Trainer resumed(conditional_config(Preset::Seed), small_digits(256));
  resumed.load_checkpoint(checkpoint);
  EXPECT_EQ(resumed.iteration(), 3);
  Trainer plain(tiny_config(Preset::Seed), small_digits(256));
  EXPECT_THROW(plain.load_checkpoint(checkpoint), Error);
}

TEST(ConditionalTraining, EveryLossTrainsConditionally) {
  for (Loss loss : {Loss::Hinge, Loss::WganGp, Loss::Lsgan}) {
    RunConfig config = conditional_config(Preset::Seed);
    config.training.loss = loss;
    config.training.n_critic = 2;
    config.model.spectral_norm = true;
    Trainer trainer(config, small_digits(128));
    const StepStats s = trainer.step();
    EXPECT_TRUE(std::isfinite(s.d_loss) && std::isfinite(s.g_loss)) << to_string(loss);
  }
}

TEST(ConditionalTraining, DataWithoutLabelsIsRefusedWithTheReason) {
  ImageSet unlabelled = small_digits(64);
  unlabelled.labels.clear();
  unlabelled.source = "my-folder";
  try {
    Trainer trainer(conditional_config(Preset::Compact), unlabelled);
    FAIL() << "a conditional model trained on unlabelled data";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("model.conditional needs a labelled data set"),
              std::string::npos);
    EXPECT_NE(std::string(error.what()).find("my-folder has no labels"), std::string::npos);
  }
  RunConfig wrong = conditional_config(Preset::Compact);
  wrong.model.classes = 5;
  EXPECT_THROW(Trainer(wrong, small_digits(64)), ConfigError);
}

TEST(ConditionalTraining, AnUnconditionalSamplerRefusesAClass) {
  TempDir dir;
  Trainer trainer(tiny_config(Preset::Compact), small_digits(64));
  trainer.save_checkpoint(dir.file("u.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("u.pt"));
  EXPECT_EQ(sampler.classes(), 0);
  EXPECT_TRUE(sampler.labels_for(4, -1).empty());
  try {
    sampler.generate(4, 0, 7);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("not conditional"), std::string::npos);
  }
}

// A folder of coloured pictures, three classes (red, green, blue squares of 40 x 30 on a grey
// field), written by the test.
std::string make_rgb_folder(const TempDir& dir) {
  const std::vector<std::pair<std::string, std::array<uint8_t, 3>>> classes = {
      {"red", {220, 30, 30}}, {"green", {30, 200, 40}}, {"blue", {40, 50, 230}}};
  for (const auto& [name, colour] : classes) {
    fs::create_directories(dir.file("pictures/" + name));
    for (int i = 0; i < 6; ++i) {
      Image image{40, 30, {}, 3};
      image.pixels.assign(40 * 30 * 3, 128);
      for (int y = 5 + i; y < 20 + i; ++y) {
        for (int x = 10; x < 30; ++x) {
          std::copy(colour.begin(), colour.end(), image.pixels.begin() + (y * 40 + x) * 3);
        }
      }
      write_png(dir.file("pictures/" + name + "/" + std::to_string(i) + ".png"), image);
    }
  }
  return dir.file("pictures");
}

TEST(RgbImages, AFolderOfColourPicturesTrainsSamplesAndExports) {
  TempDir dir;
  const std::string folder = make_rgb_folder(dir);
  RunConfig config = tiny_config(Preset::Compact);
  config.data.path = folder;
  config.data.image_size = 32;
  config.data.channels = 3;
  config.model.conditional = true;
  const ImageSet data = load_image_set(folder, image_shape(config));
  ASSERT_EQ(data.count, 18);
  EXPECT_EQ(data.channels, 3);
  EXPECT_EQ(data.rows, 32);
  EXPECT_EQ(data.class_count(), 3);
  // Classes in name order: blue, green, red. The first picture's centre is blue after scaling
  // 40 x 30 to 32 x 32 (centre crop), and its label is 0.
  EXPECT_EQ(data.class_names, (std::vector<std::string>{"blue", "green", "red"}));
  const uint8_t* centre = data.pixels.data() + (14 * 32 + 16) * 3;
  EXPECT_GT(centre[2], 200);
  EXPECT_LT(centre[0], 80);
  EXPECT_EQ(data.labels.front(), 0);

  Trainer trainer(config, data);
  trainer.step();
  trainer.step();
  const ImageBatch grid = trainer.fixed_samples();
  EXPECT_EQ(grid.count, 3 * kGridColumns);
  EXPECT_EQ(grid.side, 32);
  EXPECT_EQ(grid.channels, 3);
  const ImageBatch reals = trainer.real_images(2);
  EXPECT_EQ(reals.channels, 3);
  EXPECT_EQ(reals.image(0).pixels.size(), 32u * 32 * 3);

  // The sub-folders' names are the classes' names, recorded with the run and its checkpoints.
  EXPECT_EQ(trainer.config().model.class_names, (std::vector<std::string>{"blue", "green", "red"}));
  trainer.save_checkpoint(dir.file("rgb.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("rgb.pt"));
  EXPECT_EQ(sampler.class_names(), (std::vector<std::string>{"blue", "green", "red"}));
  EXPECT_EQ(sampler.class_of("green"), 1);
  EXPECT_EQ(sampler.class_of("2"), 2);
  try {
    sampler.class_of("purple");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "no class 'purple': the classes are blue, green, red (or their numbers, 0 to 2)");
  }
  const std::string out = dir.file("samples");
  export_samples_png_folder(sampler, 4, 1, 1, out, 2);
  const Image first = read_png(out + "/sample_00000.png", 3);
  EXPECT_EQ(first.width, 32);
  EXPECT_EQ(first.channels, 3);
  EXPECT_THROW(export_samples_idx(sampler, 4, 1, dir.file("s.idx")), Error);  // IDX is grayscale
  export_grid_png(sampler.render(sampler.grid_latents(), sampler.grid_labels()), GridLayout{},
                  dir.file("grid.png"));
  const Image grid_png = read_png(dir.file("grid.png"), 3);
  EXPECT_EQ(grid_png.width, 8 * 32 + 9 * 2);
  EXPECT_EQ(grid_png.height, 3 * 32 + 4 * 2);

  // The meter scores RGB samples (seen as 28 x 28 grayscale by its classifier).
  MeterOptions options = testing::cached_in(dir.path());
  options.classifier_steps = 5;
  const QualityMeter meter = QualityMeter::for_data(data, options);
  const QualityScores scores = meter.score(sampler.generate(6, 0), sampler.labels_for(6, -1));
  EXPECT_TRUE(std::isfinite(scores.fd));
  EXPECT_TRUE(std::isfinite(scores.conditional_accuracy));
}

TEST(RgbImages, GrayDataGrowsToTheAskedSizeAndChannels) {
  ImageSet digits = small_digits(4);
  const ImageSet big = fit_images(digits, ImageShape{3, 64});
  EXPECT_EQ(big.rows, 64);
  EXPECT_EQ(big.channels, 3);
  EXPECT_EQ(big.pixels.size(), 4u * 64 * 64 * 3);
  EXPECT_EQ(big.labels, digits.labels);
  // Gray stays gray: the three channels of every pixel agree.
  for (size_t i = 0; i < big.pixels.size(); i += 3) {
    ASSERT_EQ(big.pixels[i], big.pixels[i + 1]);
    ASSERT_EQ(big.pixels[i], big.pixels[i + 2]);
  }
}

TEST(FashionMnist, TrainsConditionallyInATestSizedRun) {
  const char* folder = "/usr/share/datasets/fashion-mnist";
  if (!fs::exists(folder)) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  RunConfig config = conditional_config(Preset::Compact);
  config.data.path = folder;
  config.data.image_size = 32;
  ImageSet data = load_image_set(folder, image_shape(config));
  EXPECT_EQ(data.count, 60000);
  EXPECT_EQ(data.class_count(), 10);
  data.count = 2000;  // a test-sized slice
  data.pixels.resize(2000u * 32 * 32);
  data.labels.resize(2000);
  Trainer trainer(config, data);
  StepStats last;
  for (int i = 0; i < 5; ++i) last = trainer.step();
  EXPECT_EQ(last.iteration, 5);
  EXPECT_TRUE(std::isfinite(last.d_loss) && std::isfinite(last.g_loss));
  EXPECT_EQ(trainer.fixed_samples().side, 32);
}

}  // namespace
}  // namespace gs
