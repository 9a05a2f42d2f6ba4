// Shared by the libFuzzer harnesses: a scratch folder per process, and the rule every harness
// enforces: bad input may only end in gs::Error (a clear message); any other exception, crash,
// leak or sanitizer finding is a bug.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "model/io/error.h"

namespace gs::fuzz {

inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto path =
        std::filesystem::temp_directory_path() / ("ganstudio-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(path);
    return path;
  }();
  return dir;
}

inline std::string bytes_of(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `body`; a gs::Error is the expected answer to bad input.
template <typename Body>
int expect_only_errors(Body&& body) {
  try {
    body();
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace gs::fuzz
