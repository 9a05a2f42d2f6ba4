// Errors the model library reports to people: each message names the file, key or value at fault.
#pragma once

#include <stdexcept>
#include <string>

namespace gs {

// Base of every error the library throws on purpose. what() is a complete sentence for a person,
// for example "train.gz: truncated: the header promises 47040000 bytes of images, the file has
// 1024".
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A configuration value or file is wrong; what() starts with "file:line:column: key".
class ConfigError : public Error {
 public:
  using Error::Error;
};

// The system's words for an errno value ("No space left on device"), thread-safe.
std::string errno_text(int error_number);

// "<path>: <what> (<errno_text(errno)>)" for a failed system call on a file.
std::string system_error_message(const std::string& path, const std::string& what,
                                 int error_number);

}  // namespace gs
