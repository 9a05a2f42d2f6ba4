// This machine's name, as run locks, control requests and TensorBoard's file names record it.
#pragma once

#include <unistd.h>

#include <string>

namespace gs {

inline std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

}  // namespace gs
