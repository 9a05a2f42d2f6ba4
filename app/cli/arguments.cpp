#include "app/cli/arguments.h"

#include <cerrno>
#include <cstdlib>

namespace gs::cli {

std::vector<std::string> Arguments::take_all(const std::string& name) {
  std::vector<std::string> values;
  const std::string flag = "--" + name;
  std::vector<std::string> rest;
  for (size_t i = 0; i < args_.size(); ++i) {
    const std::string& arg = args_[i];
    if (arg == flag) {
      if (i + 1 >= args_.size()) throw UsageError(flag + " needs a value");
      values.push_back(args_[++i]);
    } else if (arg.rfind(flag + "=", 0) == 0) {
      values.push_back(arg.substr(flag.size() + 1));
    } else {
      rest.push_back(arg);
    }
  }
  args_ = std::move(rest);
  return values;
}

std::optional<std::string> Arguments::take(const std::string& name) {
  auto values = take_all(name);
  if (values.empty()) return std::nullopt;
  return values.back();
}

bool Arguments::take_flag(const std::string& name) {
  const std::string flag = "--" + name;
  bool found = false;
  std::vector<std::string> rest;
  for (const auto& arg : args_) {
    if (arg == flag) {
      found = true;
    } else {
      rest.push_back(arg);
    }
  }
  args_ = std::move(rest);
  return found;
}

std::optional<long long> Arguments::take_integer(const std::string& name, long long lo,
                                                 long long hi) {
  const auto text = take(name);
  if (!text) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno == ERANGE) {
    throw UsageError("--" + name + " must be a whole number, got '" + *text + "'");
  }
  if (value < lo || value > hi) {
    throw UsageError("--" + name + " must be between " + std::to_string(lo) + " and " +
                     std::to_string(hi) + ", got " + *text);
  }
  return value;
}

void Arguments::expect_empty() const {
  if (args_.empty()) return;
  const std::string& first = args_.front();
  throw UsageError((first.rfind("-", 0) == 0 ? "unknown option " : "unexpected argument ") + first);
}

}  // namespace gs::cli
