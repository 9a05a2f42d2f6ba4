// What the field table says of each key, for the window and for checks of single values.
#include "model/config/settings.h"

#include <algorithm>
#include <cstdlib>

#include "model/config/config.h"
#include "model/config/field.h"
#include "model/io/error.h"

namespace gs {

using config_detail::Field;
using config_detail::fields;
using config_detail::find_field;

const std::vector<SettingInfo>& setting_infos() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> out;
    for (const Field& field : fields()) out.push_back(field.info);
    return out;
  }();
  return infos;
}

const SettingInfo* setting_info(const std::string& key) {
  for (const SettingInfo& info : setting_infos()) {
    if (info.key == key) return &info;
  }
  return nullptr;
}

std::vector<const SettingInfo*> form_rows() {
  std::vector<const SettingInfo*> rows;
  for (const SettingInfo& info : setting_infos()) {
    if (info.group != FormGroup::None) rows.push_back(&info);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const SettingInfo* a, const SettingInfo* b) {
    return a->group != b->group ? a->group < b->group : a->form_rank < b->form_rank;
  });
  return rows;
}

std::string form_group_title(FormGroup group) {
  switch (group) {
    case FormGroup::DataAndModel:
      return GS_TRANSLATE("gs::settings", "Data and model");
    case FormGroup::Length:
      return GS_TRANSLATE("gs::settings", "Length");
    case FormGroup::Optimizer:
      return GS_TRANSLATE("gs::settings", "Optimizer (Adam)");
    case FormGroup::Outputs:
      return GS_TRANSLATE("gs::settings", "Outputs");
    case FormGroup::None:
      break;
  }
  return {};
}

// --- Single values ------------------------------------------------------------------------------

std::string check_value(const std::string& key, const std::string& text) {
  RunConfig scratch;
  try {
    set_text(scratch, key, text, "");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return {};
}

std::string unusual_value(const std::string& key, const std::string& text) {
  const SettingInfo* info = setting_info(key);
  if (!info || info->usual_advice.empty() || text.empty() || !check_value(key, text).empty()) {
    return {};
  }
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || (value >= info->usual_low && value <= info->usual_high)) return {};
  return key + " = " + text + " is unusual: " + info->usual_advice;
}

bool is_live_key(const std::string& key) {
  const SettingInfo* info = setting_info(key);
  return info && info->live;
}

const std::vector<std::string>& live_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const SettingInfo& info : setting_infos()) {
      if (info.live) out.push_back(info.key);
    }
    return out;
  }();
  return keys;
}

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const SettingInfo& info : setting_infos()) out.push_back(info.key);
    return out;
  }();
  return keys;
}

std::string describe_key(const std::string& key) {
  const SettingInfo* info = setting_info(key);
  return info ? info->help : std::string{};
}

}  // namespace gs
