#include "model/config/live_settings.h"

#include "model/config/field.h"
#include "model/io/error.h"

namespace gs {

using config_detail::Field;
using config_detail::fields;

std::vector<SettingChange> live_changes(const RunConfig& before, const RunConfig& after) {
  std::vector<SettingChange> changes;
  for (const Field& field : fields()) {
    if (!field.info.live) continue;
    const std::string value = field.write(after);
    if (value != field.write(before)) changes.push_back({0, field.info.key, value});
  }
  return changes;
}

void copy_live_settings(const RunConfig& from, RunConfig& to) {
  for (const Field& field : fields()) {
    if (field.info.live) field.copy(from, to);
  }
}

RunConfig edit_live_settings(const RunConfig& current,
                             const std::map<std::string, std::string>& texts) {
  RunConfig edited = current;
  for (const auto& [key, text] : texts) {
    const Field* field = config_detail::find_field(key);
    if (!field || !field->info.live) {
      throw ConfigError(key + " cannot change while the run trains; stop the run to change it");
    }
    if (!field->info.excludes.empty()) unset_value(edited, field->info.excludes);
    set_text(edited, key, text, "the window");
  }
  // Emptied fields (and a length given up for the other) resolve to the preset's values.
  return resolve(edited, /*cuda=*/false);
}

void scale_learning_rates(RunConfig& config, double d_factor, double g_factor) {
  TrainingConfig& t = config.training;
  if (!t.learning_rate_d || !t.learning_rate_g) {
    throw Error("internal: scale_learning_rates needs a resolved configuration");
  }
  t.learning_rate_d = *t.learning_rate_d * d_factor;
  t.learning_rate_g = *t.learning_rate_g * g_factor;
}

}  // namespace gs
