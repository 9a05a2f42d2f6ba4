// A row of the field table (fields.cpp): one configuration key, how it is read from YAML or from a
// person's text, written, copied and resolved, and what settings.h describes of it. Internal to
// model/config/.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/config/settings.h"

namespace YAML {
class Node;
}

namespace gs::config_detail {

// Thrown by a field's reader; the caller prefixes the location.
struct FieldError {
  std::string message;
};

struct Field {
  SettingInfo info;
  // From the text of a scalar (a YAML scalar or what a person typed in a field; no YAML parsing):
  // "" restores the default. Null for keys whose values are lists.
  std::function<void(RunConfig&, const std::string&)> read_text;
  // From a YAML node: a null node restores the default.
  std::function<void(RunConfig&, const YAML::Node&)> read;
  std::function<std::string(const RunConfig&)> write;  // YAML text, "" when unset
  std::function<void(const RunConfig& from, RunConfig& to)> copy;
  // What an unset key resolves to on each preset (indexed by Preset), as text; "" stays unset.
  std::array<std::string, 2> resolved;

  // The row's other properties, chained after the maker (fields.cpp).
  Field&& live() &&;
  Field&& by_preset(std::string seed, std::string compact) &&;
  Field&& resolves_to(const std::string& value) &&;
  Field&& excludes(std::string key) &&;
  Field&& linked_with(std::string key) &&;
  Field&& where_not_what() &&;
  Field&& usual(double low, double high, std::string advice) &&;
  Field&& form(FormGroup group, int rank, std::string label) &&;
  Field&& editor(FormEditor editor) &&;
  Field&& choices(std::vector<SettingChoice> choices) &&;
  Field&& chart(std::string label) &&;

  // Sets the key from text: a scalar's as read_text takes it, a list's as YAML ("[64, 32]").
  void set(RunConfig& config, const std::string& text) const;
};

// The table, in file order, and one row of it (null when the key does not exist).
const std::vector<Field>& fields();
const Field* find_field(const std::string& key);

// The sections of a configuration file, in order.
const std::vector<std::string>& sections();

// Keys that contradict each other or values only some sizes take; `located`: start the message
// with where the offending key was set.
void check_consistency(const RunConfig& config, bool located = true);

// Shortest text that reads back as `value` ("0", "1e-07"), and the same always a real number in
// YAML ("1.0", not "1").
std::string format_plain(double value);
std::string format_real(double value);

}  // namespace gs::config_detail
