#include "model/config/live_settings.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/config/config.h"
#include "model/io/error.h"

namespace gs {
namespace {

// What the live keys resolve to on a preset (a run that set none of them).
RunConfig preset_defaults(Preset preset) {
  RunConfig config;
  config.model.preset = preset;
  return resolve(config, /*cuda=*/false);
}

RunConfig compact_defaults() { return preset_defaults(Preset::Compact); }

TEST(LiveSettings, TheFieldTableMarksExactlyTheKeysLiveSettingsCarry) {
  const std::vector<std::string> expected = {"training.iterations",      "training.epochs",
                                             "training.learning_rate_d", "training.learning_rate_g",
                                             "training.beta1",           "training.beta2",
                                             "outputs.sample_every"};
  EXPECT_EQ(live_keys(), expected);
  // Every live key shows up in a change when its value changes, and nothing else does.
  RunConfig a = compact_defaults();
  RunConfig b = a;
  scale_learning_rates(b, 2, 3);
  b.training.beta1 = 0.1;
  b.training.beta2 = 0.9;
  b.training.iterations.reset();
  b.training.epochs = 2;
  b.outputs.sample_every = 7;
  b.training.batch_size = 3;  // not live: never a change
  b.model.noise_dim = 5;
  std::vector<std::string> keys;
  for (const SettingChange& change : live_changes(a, b)) keys.push_back(change.key);
  EXPECT_EQ(keys, expected);
  EXPECT_FALSE(is_live_key("model.preset"));
  EXPECT_FALSE(is_live_key("training.batch_size"));
}

TEST(LiveSettings, DefaultsAreThePresets) {
  const TrainingConfig compact = compact_defaults().training;
  EXPECT_EQ(compact.learning_rate_d, 4e-4);
  EXPECT_EQ(compact.beta1, 0.5);
  EXPECT_EQ(compact.iterations, kDefaultIterations);
  EXPECT_EQ(compact_defaults().outputs.sample_every, 100);
  const TrainingConfig seed = preset_defaults(Preset::Seed).training;
  EXPECT_EQ(seed.learning_rate_g, 1e-4);
  EXPECT_EQ(seed.beta1, 0.9);
}

TEST(LiveSettings, EditsAreTypedValuesParsedFromFieldTexts) {
  const RunConfig current = compact_defaults();
  const RunConfig edited = edit_live_settings(
      current, {{"training.learning_rate_d", "0.001"}, {"outputs.sample_every", "25"}});
  EXPECT_EQ(edited.training.learning_rate_d, 0.001);
  EXPECT_EQ(edited.training.learning_rate_g, current.training.learning_rate_g);
  EXPECT_EQ(edited.outputs.sample_every, 25);
  // Field texts are not YAML: a comment or quotes are mistakes, named with the key.
  for (const char* text : {"0.001 # fast", "'0.001'", "1e", "-1"}) {
    try {
      edit_live_settings(current, {{"training.learning_rate_g", text}});
      FAIL() << text;
    } catch (const ConfigError& error) {
      EXPECT_EQ(std::string(error.what()).rfind("training.learning_rate_g must be", 0), 0u)
          << error.what();
    }
  }
}

TEST(LiveSettings, AnEmptyFieldIsTheDefaultAndLengthIsIterationsOrEpochs) {
  RunConfig current = compact_defaults();
  current.training.learning_rate_d = 0.5;
  current.training.iterations = 300;
  const RunConfig reset = edit_live_settings(current, {{"training.learning_rate_d", ""}});
  EXPECT_EQ(reset.training.learning_rate_d, 4e-4);
  const RunConfig epochs = edit_live_settings(current, {{"training.epochs", "3"}});
  EXPECT_FALSE(epochs.training.iterations.has_value());
  EXPECT_EQ(epochs.training.epochs, 3.0);
  const RunConfig back = edit_live_settings(epochs, {{"training.iterations", "40"}});
  EXPECT_EQ(back.training.iterations, 40);
  EXPECT_FALSE(back.training.epochs.has_value());
  const RunConfig cleared = edit_live_settings(epochs, {{"training.epochs", ""}});
  EXPECT_EQ(cleared.training.iterations, kDefaultIterations);  // neither set: the default length
  // The seed preset's default is the seed's rate.
  RunConfig seed = preset_defaults(Preset::Seed);
  seed.training.learning_rate_g = 0.5;
  EXPECT_EQ(edit_live_settings(seed, {{"training.learning_rate_g", ""}}).training.learning_rate_g,
            1e-4);
}

TEST(LiveSettings, SettingsThatNeedARestartAreRefused) {
  try {
    edit_live_settings(compact_defaults(), {{"training.batch_size", "3"}});
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "training.batch_size cannot change while the run trains; stop the run to change it");
  }
}

TEST(LiveSettings, ChangesCompareValuesAndWriteTheConfigurationsText) {
  RunConfig a = compact_defaults();
  EXPECT_TRUE(live_changes(a, a).empty());
  RunConfig b = a;
  b.training.learning_rate_d = 1e-3;
  b.training.beta2 = 0.99;
  const auto changes = live_changes(a, b);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].key, "training.learning_rate_d");
  EXPECT_EQ(changes[0].value, "0.001");
  EXPECT_EQ(changes[1].key, "training.beta2");
  EXPECT_EQ(changes[1].value, "0.99");
  b = a;
  b.training.iterations.reset();
  b.training.epochs = 1;
  const auto length = live_changes(a, b);
  ASSERT_EQ(length.size(), 2u);
  EXPECT_EQ(length[0].key, "training.iterations");
  EXPECT_EQ(length[0].value, "");
  EXPECT_EQ(length[1].value, "1.0");
}

TEST(ConfigText, FieldTextsAreTakenAsTheyAre) {
  RunConfig config;
  set_text(config, "data.path", "/data/my: mnist # 2", "the window");
  EXPECT_EQ(config.data.path, "/data/my: mnist # 2");
  set_text(config, "model.preset", "seed", "the window");
  EXPECT_EQ(config.model.preset, Preset::Seed);
  set_text(config, "model.preset", "", "the window");
  EXPECT_FALSE(config.model.preset.has_value());
  set_text(config, "model.g_widths", "[8, 4, 2]", "the window");  // lists are YAML
  EXPECT_EQ(config.model.g_widths, (std::vector<int>{8, 4, 2}));
  EXPECT_EQ(check_value("training.batch_size", "12"), "");
  EXPECT_EQ(check_value("training.batch_size", "12 # twelve"),
            "training.batch_size must be a whole number, got '12 # twelve'");
}

}  // namespace
}  // namespace gs
