// What the subcommands share: how they register with the command-line parser (CLI11), the
// configuration options of train and bench, and the mistakes that main() reports with usage.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/config/config.h"

namespace gs::cli {

// A mistake in the command line found after parsing; main() prints it with the command's help and
// exits with 2 (as for the parser's own errors).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A subcommand: its parser (options, help) and what runs once the command line parsed. `run`
// returns the exit code (0 success, 1 failure); failures throw gs::Error or UsageError.
struct Command {
  CLI::App* parser = nullptr;
  std::function<int()> run;
};

Command add_train_command(CLI::App& cli);
Command add_sample_command(CLI::App& cli);
Command add_project_command(CLI::App& cli);
Command add_report_command(CLI::App& cli);
Command add_export_command(CLI::App& cli);
Command add_bench_command(CLI::App& cli);
Command add_evaluate_command(CLI::App& cli);
Command add_classifier_command(CLI::App& cli);
Command add_runs_command(CLI::App& cli);
Command add_control_command(CLI::App& cli);
Command add_sweep_command(CLI::App& cli);

// --config FILE and --set key=value (repeatable) for a subcommand.
struct ConfigOptions {
  std::string file;
  std::vector<std::string> assignments;

  void add_to(CLI::App& command);
  // The configuration file (or the defaults) with the assignments applied; throws ConfigError.
  RunConfig load() const;
};

// Whether `text` ends with `suffix` (output formats are chosen by file name).
inline bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace gs::cli
