#include "model/io/csv_text.h"

#include <cstdlib>

namespace gs {

namespace {

bool is_number(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

}  // namespace

std::string csv_field(const std::string& text) {
  std::string field = text;
  const bool formula = !field.empty() &&
                       (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
                        field[0] == '\t' || field[0] == '\r') &&
                       !is_number(field);
  if (formula) field.insert(field.begin(), '\'');
  const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

}  // namespace gs
