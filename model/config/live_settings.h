// The settings a run takes while it trains: the keys the field table marks live (settings.h,
// live_keys(): learning rates, betas, length, sample interval). They travel inside a RunConfig,
// as typed values, from the window's form or a control request to the trainer; change detection
// compares values; changes.csv records each changed key with the text the configuration file
// would hold.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/config/config.h"

namespace gs {

// A setting changed while training ran: the first iteration that used it, the key and the value as
// the configuration file writes it ("" when the key went back to unset, e.g. iterations when the
// length became epochs).
struct SettingChange {
  int64_t iteration = 0;
  std::string key;
  std::string value;
};

// The live keys whose values differ from `before` to `after`, in the field table's order, with
// their new values as text (SettingChange::iteration left 0 for the caller). Other keys are not
// compared.
std::vector<SettingChange> live_changes(const RunConfig& before, const RunConfig& after);

// Copies the live keys of `from` into `to` (the rest of `to` stays as it is).
void copy_live_settings(const RunConfig& from, RunConfig& to);

// `current` (a resolved configuration) after a person's edit of some live keys, given as the
// texts of their fields (key -> text; "" is what the key resolves to on the run's preset). Setting
// one key of a pair that excludes each other (iterations, epochs) unsets the other. Throws
// ConfigError naming the key (a bad value, or a key that is not live).
RunConfig edit_live_settings(const RunConfig& current,
                             const std::map<std::string, std::string>& texts);

// Multiplies the two learning rates of a resolved configuration (a health warning's remedy, a
// roll-back after a divergence).
void scale_learning_rates(RunConfig& config, double d_factor, double g_factor);

}  // namespace gs
