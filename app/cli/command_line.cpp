#include "app/cli/command_line.h"

#include "model/config/keys.h"

namespace gs::cli {

void ConfigOptions::add_to(CLI::App& command) {
  command.add_option("--config", file, "run configuration (YAML; README.md lists the keys)")
      ->check(CLI::ExistingFile);
  command
      .add_option("--set", assignments,
                  std::string("override one key, e.g. --set ") + keys::kPreset +
                      "=compact (repeatable; the value is YAML)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
}

RunConfig ConfigOptions::load() const {
  RunConfig config = file.empty() ? RunConfig{} : load_config(file);
  for (const std::string& assignment : assignments) apply_assignment(config, assignment);
  return config;
}

}  // namespace gs::cli
