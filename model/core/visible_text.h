// Text from files that others may have written (a run's display name, a folder's name), made safe
// to show: control characters (an ANSI escape sequence, a newline, a bell) become visible \xNN
// escapes, so a name can neither recolour a terminal nor break a table or a list row.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace gs {

inline std::string visible_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace gs
