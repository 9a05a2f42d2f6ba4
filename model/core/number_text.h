// Numbers as people read them in GanStudio's messages and files: "12,400", "4:05", "1.6 MiB".
// Header-only and std-only (model/core).
#pragma once

#include <cmath>
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

// A duration as a clock shows it: "4:05", "1:02:03"; "" when it is not a duration (negative,
// not finite).
inline std::string duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return {};
  const long long total = std::llround(seconds);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
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
