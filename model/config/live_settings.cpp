#include "model/config/live_settings.h"

#include "model/io/error.h"

namespace gs {

bool LiveSettings::operator==(const LiveSettings& o) const {
  return learning_rate_d == o.learning_rate_d && learning_rate_g == o.learning_rate_g &&
         beta1 == o.beta1 && beta2 == o.beta2 && iterations == o.iterations && epochs == o.epochs &&
         sample_every == o.sample_every;
}

LiveSettings live_settings_of(const RunConfig& c) {
  const TrainingConfig& t = c.training;
  if (!t.learning_rate_d || !t.learning_rate_g || !t.beta1 || !t.beta2) {
    throw Error("internal: live settings need a resolved configuration");
  }
  LiveSettings live;
  live.learning_rate_d = *t.learning_rate_d;
  live.learning_rate_g = *t.learning_rate_g;
  live.beta1 = *t.beta1;
  live.beta2 = *t.beta2;
  live.iterations = t.iterations;
  live.epochs = t.epochs;
  if (!live.iterations && !live.epochs) live.iterations = kDefaultIterations;
  live.sample_every = c.outputs.sample_every;
  return live;
}

void apply_live_settings(RunConfig& c, const LiveSettings& live) {
  TrainingConfig& t = c.training;
  t.learning_rate_d = live.learning_rate_d;
  t.learning_rate_g = live.learning_rate_g;
  t.beta1 = live.beta1;
  t.beta2 = live.beta2;
  t.iterations = live.iterations;
  t.epochs = live.epochs;
  c.outputs.sample_every = live.sample_every;
}

LiveSettings default_live_settings(Preset preset) {
  RunConfig config;
  config.model.preset = preset;
  return live_settings_of(resolve(config, /*cuda=*/false));
}

LiveSettings edit_live_settings(const LiveSettings& current, const LiveSettings& defaults,
                                const std::map<std::string, std::string>& texts) {
  RunConfig scratch;
  apply_live_settings(scratch, current);
  RunConfig fallback;
  apply_live_settings(fallback, defaults);
  for (const auto& [key, text] : texts) {
    if (!is_live_key(key)) {
      throw ConfigError(key + " cannot change while the run trains; stop the run to change it");
    }
    // The length is either iterations or epochs: the one being set replaces the other.
    if (key == "training.iterations") scratch.training.epochs.reset();
    if (key == "training.epochs") scratch.training.iterations.reset();
    set_text(scratch, key, text.empty() ? get_value(fallback, key) : text, "the window");
  }
  if (!scratch.training.iterations && !scratch.training.epochs) {
    scratch.training.iterations = defaults.iterations;
    scratch.training.epochs = defaults.epochs;
  }
  return live_settings_of(scratch);
}

std::vector<SettingChange> live_changes(const LiveSettings& before, const LiveSettings& after) {
  RunConfig written;
  apply_live_settings(written, after);
  std::vector<SettingChange> changes;
  auto note = [&](const char* key, bool changed) {
    if (changed) changes.push_back({0, key, get_value(written, key)});
  };
  // In the field table's order (config.cpp), so records read the same however they were made.
  note("training.iterations", before.iterations != after.iterations);
  note("training.epochs", before.epochs != after.epochs);
  note("training.learning_rate_d", before.learning_rate_d != after.learning_rate_d);
  note("training.learning_rate_g", before.learning_rate_g != after.learning_rate_g);
  note("training.beta1", before.beta1 != after.beta1);
  note("training.beta2", before.beta2 != after.beta2);
  note("outputs.sample_every", before.sample_every != after.sample_every);
  return changes;
}

}  // namespace gs
