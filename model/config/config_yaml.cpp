// Configuration files and assignments: YAML in (with the file, line and column of every mistake),
// YAML out, and one key at a time from the CLI's --set or a person's text. Every key is read and
// written by its row of the field table.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "model/config/config.h"
#include "model/config/field.h"
#include "model/config/field_makers.h"
#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

using config_detail::Field;
using config_detail::FieldError;
using config_detail::find_field;
using config_detail::sections;

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean training.learning_rate_d?)" when a known name is one or two typos away.
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  auto leaf = [](const std::string& name) { return name.substr(name.rfind('.') + 1); };
  const std::string typed = leaf(word);
  std::string best;
  size_t best_distance = std::max<size_t>(1, typed.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    const size_t distance = edit_distance(typed, leaf(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best.empty() ? std::string{} : " (did you mean " + best + "?)";
}

std::string location(const std::string& name, const YAML::Mark& mark) {
  if (mark.is_null()) return name;
  return name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string key_text(const YAML::Node& key_node, const std::string& name) {
  if (!key_node.IsScalar()) {
    throw ConfigError(location(name, key_node.Mark()) + ": keys must be plain words");
  }
  return key_node.Scalar();
}

const Field& field_of(const std::string& key) {
  const Field* field = find_field(key);
  if (!field) throw ConfigError("unknown key " + key + suggestion(key, config_keys()));
  return *field;
}

void read_section(RunConfig& config, const std::string& section, const YAML::Node& body,
                  const std::string& name) {
  if (body.IsNull()) return;
  if (!body.IsMap()) {
    throw ConfigError(location(name, body.Mark()) + ": " + section +
                      " must be a mapping of keys to values, got " +
                      config_detail::describe_node(body));
  }
  std::vector<std::string> known;
  for (const std::string& key : config_keys()) {
    if (key.rfind(section + ".", 0) == 0) known.push_back(key);
  }
  std::set<std::string> seen;
  for (const auto& entry : body) {
    const std::string key = section + "." + key_text(entry.first, name);
    const Field* field = find_field(key);
    if (!field) {
      throw ConfigError(location(name, entry.first.Mark()) + ": unknown key " + key +
                        suggestion(key, known));
    }
    if (!seen.insert(key).second) {
      throw ConfigError(location(name, entry.first.Mark()) + ": " + key + " is set twice");
    }
    const std::string at = location(name, entry.second.Mark());
    try {
      field->read(config, entry.second);
    } catch (const FieldError& error) {
      throw ConfigError(at + ": " + error.message);
    }
    config.origins[key] = at;
  }
}

}  // namespace

// --- Reading ------------------------------------------------------------------------------------

RunConfig parse_config(const std::string& yaml_text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(location(name, error.mark) + ": YAML syntax error: " + error.msg);
  }
  RunConfig config;
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) {
    throw ConfigError(location(name, root.Mark()) +
                      ": a run configuration is a mapping with the sections data, model, training "
                      "and outputs");
  }
  std::set<std::string> seen;
  for (const auto& entry : root) {
    const std::string section = key_text(entry.first, name);
    if (std::find(sections().begin(), sections().end(), section) == sections().end()) {
      throw ConfigError(location(name, entry.first.Mark()) + ": unknown section " + section +
                        suggestion(section, sections()) +
                        "; the sections are data, model, training, outputs, quality and health");
    }
    if (!seen.insert(section).second) {
      throw ConfigError(location(name, entry.first.Mark()) + ": section " + section +
                        " appears twice");
    }
    read_section(config, section, entry.second, name);
  }
  config_detail::check_consistency(config);
  return config;
}

RunConfig load_config(const std::string& path) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const Error& error) {
    throw ConfigError(error.what());
  }
  return parse_config(text, path);
}

void set_value(RunConfig& config, const std::string& key, const std::string& value_text,
               const std::string& origin) {
  const Field& field = field_of(key);
  YAML::Node node;
  try {
    node = YAML::Load(value_text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(key + ": '" + value_text + "' is not a YAML value (" + error.msg + ")");
  }
  RunConfig updated = config;
  try {
    field.read(updated, node);
  } catch (const FieldError& error) {
    throw ConfigError(error.message);
  }
  updated.origins[key] = origin;
  config_detail::check_consistency(updated, /*located=*/false);
  config = std::move(updated);
}

void unset_value(RunConfig& config, const std::string& key) {
  field_of(key).read(config, YAML::Node(YAML::NodeType::Null));
  config.origins.erase(key);
}

void apply_assignment(RunConfig& config, const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw ConfigError("--set " + assignment + ": expected key=value, for example training.seed=3");
  }
  const std::string key = assignment.substr(0, equals);
  const std::string origin = "--set " + assignment;
  try {
    set_value(config, key, assignment.substr(equals + 1), origin);
  } catch (const ConfigError& error) {
    throw ConfigError(origin + ": " + error.what());
  }
}

void apply_keys_set(const RunConfig& top, RunConfig& base) {
  for (const Field& field : config_detail::fields()) {
    if (!field.info.describes_run || field.write(top).empty()) continue;
    if (!field.info.excludes.empty()) unset_value(base, field.info.excludes);
    field.copy(top, base);
    const std::string origin = top.where(field.info.key);
    if (!origin.empty()) base.origins[field.info.key] = origin.substr(0, origin.size() - 2);
  }
  config_detail::check_consistency(base, /*located=*/false);
}

std::string get_value(const RunConfig& config, const std::string& key) {
  const Field* field = find_field(key);
  if (!field) throw ConfigError("unknown key " + key);
  return field->write(config);
}

void set_text(RunConfig& config, const std::string& key, const std::string& text,
              const std::string& origin) {
  const Field& field = field_of(key);
  if (!field.read_text) {
    set_value(config, key, text, origin);  // a list: its text is YAML ("[64, 32]")
    return;
  }
  RunConfig updated = config;
  try {
    field.read_text(updated, text);
  } catch (const FieldError& error) {
    throw ConfigError(error.message);
  }
  if (text.empty()) {
    updated.origins.erase(key);
  } else {
    updated.origins[key] = origin;
  }
  config_detail::check_consistency(updated, /*located=*/false);
  config = std::move(updated);
}

// --- Writing ------------------------------------------------------------------------------------

std::string to_yaml(const RunConfig& config) {
  std::string out = "# GanStudio run configuration (keys: see README.md, 'Configuration')\n";
  for (const std::string& section : sections()) {
    out += "\n" + section + ":\n";
    for (const Field& field : config_detail::fields()) {
      if (field.info.key.rfind(section + ".", 0) != 0) continue;
      const std::string value = field.write(config);
      if (value.empty()) continue;
      out += "  # " + field.info.help + "\n";
      out += "  " + field.info.key.substr(section.size() + 1) + ": " + value + "\n";
    }
  }
  return out;
}

void save_config(const RunConfig& config, const std::string& path) {
  write_file_atomically(path, to_yaml(config));
}

}  // namespace gs
