// The makers of the field table's rows, one per kind of value: each binds a key to its member of
// RunConfig (`get` returns a reference to it) and checks what it reads. Internal to model/config/
// (fields.cpp uses them).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/config/field.h"

namespace gs::config_detail {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

struct RealRange {
  double lo;
  bool lo_open;
  double hi;
  bool hi_open;
  // The bound a value breaks, as a person would write it: "> 0", "< 1".
  std::string violated_bound(double v) const;
  bool contains(double v) const;
};

std::string describe_node(const YAML::Node& node);
std::string scalar_of(const YAML::Node& node, const std::string& key, const char* what);
int64_t parse_integer(const std::string& text, const std::string& key, int64_t lo, int64_t hi);
double parse_real(const std::string& text, const std::string& key, const RealRange& range);
std::string quote_string(const std::string& text);
// Why a text value cannot be taken ("" when it can): no control characters, then `check`'s verdict.
std::string text_problem(const std::string& key, const std::string& text,
                         const std::function<std::string(const std::string&)>& check);

// A scalar field: `read_text` does the work; the YAML reader only takes the scalar out of its node.
Field scalar_field(const std::string& key, std::string help, ValueKind kind, const char* what,
                   std::function<void(RunConfig&, const std::string&)> read_text,
                   std::function<std::string(const RunConfig&)> write);

// What every maker shares: the copy between configurations, and whether unset is a value.
template <typename Get>
Field with_member(Field field, Get get) {
  field.copy = [get](const RunConfig& from, RunConfig& to) {
    get(to) = get(const_cast<RunConfig&>(from));
  };
  using Member = std::decay_t<decltype(get(std::declval<RunConfig&>()))>;
  field.info.optional = is_optional<Member>::value;
  return field;
}

template <typename Get>
Field integer_field(const std::string& key, std::string help, Get get, int64_t lo, int64_t hi) {
  auto read = [key, get, lo, hi](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    using Member = std::decay_t<decltype(member)>;
    if (text.empty()) {
      RunConfig defaults;
      member = get(defaults);
      return;
    }
    const int64_t value = parse_integer(text, key, lo, hi);
    if constexpr (is_optional<Member>::value) {
      member = static_cast<typename Member::value_type>(value);
    } else {
      member = static_cast<Member>(value);
    }
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    if constexpr (is_optional<std::decay_t<decltype(member)>>::value) {
      return member ? std::to_string(*member) : std::string{};
    } else {
      return std::to_string(member);
    }
  };
  return with_member(
      scalar_field(key, std::move(help), ValueKind::Integer, "a whole number", read, write), get);
}

template <typename Get>
Field real_field(const std::string& key, std::string help, Get get, RealRange range) {
  auto read = [key, get, range](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    if (text.empty()) {
      member.reset();
      return;
    }
    member = parse_real(text, key, range);
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    return member ? format_real(*member) : std::string{};
  };
  return with_member(scalar_field(key, std::move(help), ValueKind::Real, "a number", read, write),
                     get);
}

template <typename Enum, typename Get>
Field choice_field(const std::string& key, std::string help, Get get,
                   const std::vector<std::pair<std::string, Enum>>& choices) {
  auto read = [key, get, choices](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    if (text.empty()) {
      member.reset();
      return;
    }
    std::string names;
    for (const auto& [name, value] : choices) {
      if (name == text) {
        member = value;
        return;
      }
      names += (names.empty() ? "" : ", ") + name;
    }
    throw FieldError{key + " must be one of " + names + ", got '" + text + "'"};
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    return member ? to_string(*member) : std::string{};
  };
  Field field = with_member(
      scalar_field(key, std::move(help), ValueKind::Choice, "one of the listed words", read, write),
      get);
  field.info.editor = FormEditor::Choice;
  return field;
}

template <typename Get>
Field bool_field(const std::string& key, std::string help, Get get) {
  auto read = [key, get](RunConfig& config, const std::string& text) {
    bool& member = get(config);
    if (text.empty()) {
      RunConfig defaults;
      member = get(defaults);
    } else if (text == "true" || text == "yes" || text == "on") {
      member = true;
    } else if (text == "false" || text == "no" || text == "off") {
      member = false;
    } else {
      throw FieldError{key + " must be true or false, got '" + text + "'"};
    }
  };
  auto write = [get](const RunConfig& config) -> std::string {
    return get(const_cast<RunConfig&>(config)) ? "true" : "false";
  };
  Field field = with_member(
      scalar_field(key, std::move(help), ValueKind::Flag, "true or false", read, write), get);
  field.info.editor = FormEditor::Choice;
  return field;
}

template <typename Get>
Field text_field(const std::string& key, std::string help, Get get,
                 const std::function<std::string(const std::string&)>& check) {
  auto read = [key, get, check](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    if (text.empty()) {
      RunConfig defaults;
      member = get(defaults);
      return;
    }
    if (const std::string problem = text_problem(key, text, check); !problem.empty()) {
      throw FieldError{problem};
    }
    member = text;
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const std::string& member = get(const_cast<RunConfig&>(config));
    return member.empty() ? std::string{} : quote_string(member);
  };
  return with_member(scalar_field(key, std::move(help), ValueKind::Text, "text", read, write), get);
}

// A key whose value is a list (unset: empty). `element` reads one element from its text (it is
// named "key[i]" in messages); `text` writes one; a list must have `least` elements.
template <typename Get, typename Element, typename Text>
Field list_field(const std::string& key, std::string help, Get get, const char* example,
                 size_t least, Element element, Text text) {
  Field field;
  field.info.key = key;
  field.info.help = std::move(help);
  field.info.kind = ValueKind::List;
  field.read = [key, get, example, least, element](RunConfig& config, const YAML::Node& node) {
    auto& member = get(config);
    if (node.IsNull()) {
      member.clear();
      return;
    }
    if (!node.IsSequence() || node.size() < least) {
      throw FieldError{key + " must be a list of " + example + ", got " + describe_node(node)};
    }
    std::remove_reference_t<decltype(member)> values;
    for (size_t i = 0; i < node.size(); ++i)
      values.push_back(element(node[i], key + "[" + std::to_string(i) + "]"));
    member = std::move(values);
  };
  field.write = [get, text](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    if (member.empty()) return {};
    std::string written = "[";
    for (size_t i = 0; i < member.size(); ++i) written += (i ? ", " : "") + text(member[i]);
    return written + "]";
  };
  field = with_member(std::move(field), get);
  field.info.optional = true;  // an empty list stands for the default (the preset's widths, ...)
  return field;
}

template <typename Get>
Field widths_field(const std::string& key, std::string help, Get get) {
  return list_field(
      key, std::move(help), get, "channel counts such as [64, 128]", 1,
      [](const YAML::Node& node, const std::string& element) {
        return static_cast<int>(
            parse_integer(scalar_of(node, element, "a whole number"), element, 1, 4096));
      },
      [](int width) { return std::to_string(width); });
}

template <typename Get>
Field names_field(const std::string& key, std::string help, Get get) {
  return list_field(
      key, std::move(help), get, "names such as [cats, dogs]", 0,
      [](const YAML::Node& node, const std::string& element) {
        return scalar_of(node, element, "a name");
      },
      [](const std::string& name) { return quote_string(name); });
}

}  // namespace gs::config_detail
