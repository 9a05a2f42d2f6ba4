#include "model/io/error.h"

#include <cstring>

namespace gs {

std::string system_error_message(const std::string& path, const std::string& what,
                                 int error_number) {
  return path + ": " + what + " (" + std::strerror(error_number) + ")";
}

}  // namespace gs
