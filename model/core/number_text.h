// Numbers as people read them in GanStudio's messages and files: "12,400", "1.6 MiB". Header-only
// and std-only (model/core).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace gs {

// "12,400", "-1,000".
inline std::string thousands(int64_t n) {
  std::string digits = std::to_string(n);
  const int first = n < 0 ? 1 : 0;
  for (int i = static_cast<int>(digits.size()) - 3; i > first; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return digits;
}

// "512 bytes", "3.2 KiB", "1.6 MiB".
inline std::string bytes_text(uint64_t bytes) {
  char text[32];
  if (bytes >= (uint64_t{1} << 20)) {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / 1048576.0);
  } else if (bytes >= 1024) {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return text;
}

}  // namespace gs
