// The settings a run takes while it trains: learning rates, Adam betas, length and the sample
// interval (the keys the field table marks live, config.h's live_keys()). They travel as typed
// values from the window's form (or a control request) to the trainer, never as YAML; change
// detection compares values; changes.csv records each changed key with the text the configuration
// file would hold.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/config/config.h"

namespace gs {

struct LiveSettings {
  double learning_rate_d = 0;
  double learning_rate_g = 0;
  double beta1 = 0;
  double beta2 = 0;
  std::optional<int64_t> iterations;  // the length: exactly one of iterations and epochs
  std::optional<double> epochs;
  int64_t sample_every = 0;

  bool operator==(const LiveSettings& other) const;
  bool operator!=(const LiveSettings& other) const { return !(*this == other); }
};

// A setting changed while training ran: the first iteration that used it, the key and the value as
// the configuration file writes it ("" when the key went back to unset, e.g. iterations when the
// length became epochs).
struct SettingChange {
  int64_t iteration = 0;
  std::string key;
  std::string value;
};

// The live settings of a resolved configuration.
LiveSettings live_settings_of(const RunConfig& resolved);
// Writes them into a configuration (the run's effective configuration after a change).
void apply_live_settings(RunConfig& config, const LiveSettings& live);
// What the keys stand for when unset, for `preset`: its Adam settings, 50,000 iterations and
// outputs.sample_every's default.
LiveSettings default_live_settings(Preset preset);

// The settings after a person's edit of some live keys, given as the texts of their fields
// (key -> text; "" is the default from `defaults`). Setting iterations clears epochs and the other
// way round. Throws ConfigError naming the key (a bad value, or a key that is not live).
LiveSettings edit_live_settings(const LiveSettings& current, const LiveSettings& defaults,
                                const std::map<std::string, std::string>& texts);

// The keys whose values differ from `before` to `after`, in the field table's order, with their
// new values as text (SettingChange::iteration left 0 for the caller).
std::vector<SettingChange> live_changes(const LiveSettings& before, const LiveSettings& after);

}  // namespace gs
