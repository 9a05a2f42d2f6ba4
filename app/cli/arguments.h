// A small command-line parser: "--name value", "--name=value", repeated options, flags.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gs::cli {

// A mistake in the command line; main() prints it with the command's usage and exits with 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `text` ends with `suffix` (output formats are chosen by file name).
inline bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Arguments {
 public:
  Arguments(std::vector<std::string> args) : args_(std::move(args)) {}

  // The value of --name (the last one when repeated), removed from the list.
  std::optional<std::string> take(const std::string& name);
  // Every value of a repeatable --name, in order, removed from the list.
  std::vector<std::string> take_all(const std::string& name);
  // Whether the flag --name is present (removed from the list).
  bool take_flag(const std::string& name);
  // An integer option with bounds; throws UsageError naming the option.
  std::optional<long long> take_integer(const std::string& name, long long lo, long long hi);
  // Throws UsageError if anything is left over ("unknown option --frob").
  void expect_empty() const;

 private:
  std::vector<std::string> args_;
};

}  // namespace gs::cli
