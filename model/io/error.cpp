#include "model/io/error.h"

#include <cstring>

namespace gs {

std::string errno_text(int error_number) {
  char buffer[256];
  // GNU's strerror_r returns the text (in the buffer or a static one); POSIX's fills the buffer.
#if defined(_GNU_SOURCE) && !defined(__APPLE__)
  return strerror_r(error_number, buffer, sizeof buffer);
#else
  if (strerror_r(error_number, buffer, sizeof buffer) != 0)
    return "error " + std::to_string(error_number);
  return buffer;
#endif
}

std::string system_error_message(const std::string& path, const std::string& what,
                                 int error_number) {
  return path + ": " + what + " (" + errno_text(error_number) + ")";
}

}  // namespace gs
