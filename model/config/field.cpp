#include "model/config/field.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "model/config/field_makers.h"
#include "model/config/keys.h"
#include "model/io/error.h"

namespace gs::config_detail {

// --- A row's properties --------------------------------------------------------------------------

Field&& Field::live() && {
  info.live = true;
  return std::move(*this);
}

Field&& Field::by_preset(std::string seed, std::string compact) && {
  resolved[static_cast<int>(Preset::Seed)] = std::move(seed);
  resolved[static_cast<int>(Preset::Compact)] = std::move(compact);
  return std::move(*this);
}

Field&& Field::resolves_to(const std::string& value) && {
  resolved = {value, value};
  return std::move(*this);
}

Field&& Field::excludes(std::string key) && {
  info.excludes = std::move(key);
  return std::move(*this);
}

Field&& Field::linked_with(std::string key) && {
  info.linked_with = std::move(key);
  return std::move(*this);
}

Field&& Field::where_not_what() && {
  info.describes_run = false;
  return std::move(*this);
}

Field&& Field::usual(double low, double high, std::string advice) && {
  info.usual_low = low;
  info.usual_high = high;
  info.usual_advice = std::move(advice);
  return std::move(*this);
}

Field&& Field::form(FormGroup group, int rank, std::string label) && {
  info.group = group;
  info.form_rank = rank;
  info.label = std::move(label);
  return std::move(*this);
}

Field&& Field::editor(FormEditor editor) && {
  info.editor = editor;
  return std::move(*this);
}

Field&& Field::choices(std::vector<SettingChoice> choices) && {
  info.choices = std::move(choices);
  return std::move(*this);
}

Field&& Field::chart(std::string label) && {
  info.chart_label = std::move(label);
  return std::move(*this);
}

void Field::set(RunConfig& config, const std::string& text) const {
  if (read_text) {
    read_text(config, text);
    return;
  }
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw FieldError{info.key + ": '" + text + "' is not a YAML value (" + error.msg + ")"};
  }
  read(config, node);
}

const Field* find_field(const std::string& key) {
  for (const Field& field : fields()) {
    if (field.info.key == key) return &field;
  }
  return nullptr;
}

const std::vector<std::string>& sections() {
  static const std::vector<std::string> names = {"data",    "model",   "training",
                                                 "outputs", "quality", "health"};
  return names;
}

// --- Numbers as text ----------------------------------------------------------------------------

std::string format_plain(double value) {
  char text[64];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

std::string format_real(double value) {
  std::string out = format_plain(value);
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";  // stays a real number in YAML
  return out;
}

// --- Reading values -----------------------------------------------------------------------------

std::string RealRange::violated_bound(double v) const {
  if (lo_open ? v <= lo : v < lo) return (lo_open ? "> " : ">= ") + format_plain(lo);
  return (hi_open ? "< " : "<= ") + format_plain(hi);
}

bool RealRange::contains(double v) const {
  return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
}

std::string describe_node(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "'" + node.Scalar() + "'";
}

std::string scalar_of(const YAML::Node& node, const std::string& key, const char* what) {
  if (!node.IsScalar()) throw FieldError{key + " must be " + what + ", got " + describe_node(node)};
  return node.Scalar();
}

int64_t parse_integer(const std::string& text, const std::string& key, int64_t lo, int64_t hi) {
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    throw FieldError{key + " must be a whole number, got '" + text + "'"};
  }
  if (value < lo || value > hi) {
    throw FieldError{key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                     ", got " + text};
  }
  return value;
}

double parse_real(const std::string& text, const std::string& key, const RealRange& range) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value)) {
    throw FieldError{key + " must be a number, got '" + text + "'"};
  }
  if (!range.contains(value)) {
    throw FieldError{key + " must be " + range.violated_bound(value) + ", got " + text};
  }
  return value;
}

std::string quote_string(const std::string& text) {
  YAML::Emitter emitter;
  emitter << text;
  return emitter.c_str();
}

std::string text_problem(const std::string& key, const std::string& text,
                         const std::function<std::string(const std::string&)>& check) {
  // No file name, device or folder holds a control character, and YAML would not keep one (a
  // carriage return is a line break when the file is read again).
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      char where[64];
      std::snprintf(where, sizeof where, "0x%02x at character %zu", byte, i + 1);
      return key + " must not contain control characters, got " + where;
    }
  }
  const std::string problem = check(text);
  return problem.empty() ? std::string{} : key + " " + problem + ", got '" + text + "'";
}

Field scalar_field(const std::string& key, std::string help, ValueKind kind, const char* what,
                   std::function<void(RunConfig&, const std::string&)> read_text,
                   std::function<std::string(const RunConfig&)> write) {
  Field field;
  field.info.key = key;
  field.info.help = std::move(help);
  field.info.kind = kind;
  field.read_text = std::move(read_text);
  field.write = std::move(write);
  field.read = [key, what, read = field.read_text](RunConfig& config, const YAML::Node& node) {
    read(config, node.IsNull() ? std::string{} : scalar_of(node, key, what));
  };
  return field;
}

// --- Keys that must agree
// -------------------------------------------------------------------------

void check_consistency(const RunConfig& config, bool located) {
  auto at = [&](const char* key) { return located ? config.where(key) : std::string{}; };
  if (config.training.iterations && config.training.epochs) {
    throw ConfigError(at(keys::kEpochs) + keys::kEpochs + " and " + keys::kIterations +
                      " are both set; set only one");
  }
  const int side = config.data.image_size;
  if (side != 28 && side != 32 && side != 64) {
    throw ConfigError(at(keys::kImageSize) + keys::kImageSize + " must be 28, 32 or 64, got " +
                      std::to_string(side));
  }
  if (config.data.channels != 1 && config.data.channels != 3) {
    throw ConfigError(at(keys::kChannels) + keys::kChannels + " must be 1 or 3, got " +
                      std::to_string(config.data.channels));
  }
}

}  // namespace gs::config_detail
