// ganstudio-cli runs: the runs in a folder with their figures and parents (the family tree).
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command_line.h"
#include "model/runs/run_catalog.h"
#include "model/runs/runs_csv.h"

namespace gs::cli {

namespace {

struct RunsOptions {
  std::string folder = "runs";
  bool json = false;
  bool csv = false;
  std::string rename_run;
  std::string name;
};

int list(const RunsOptions& options) {
  if (!options.rename_run.empty()) {
    summarize_run(options.rename_run);  // refuses a folder that is not a run
    set_run_name(options.rename_run, options.name);
    std::printf("%s: named \"%s\"\n", options.rename_run.c_str(), options.name.c_str());
    return 0;
  }
  const std::vector<RunSummary> runs = list_runs(options.folder);
  const std::string text = options.json  ? runs_json(runs)
                           : options.csv ? runs_csv(runs)
                                         : runs_table(runs);
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace

Command add_runs_command(CLI::App& cli) {
  auto options = std::make_shared<RunsOptions>();
  CLI::App* command = cli.add_subcommand(
      "runs", "list the runs in a folder: state, iterations, quality, size, parent");
  command->add_option("folder", options->folder, "folder holding run folders (default: runs)");
  CLI::Option* json = command->add_flag("--json", options->json, "as JSON, for scripts");
  command
      ->add_flag("--csv", options->csv,
                 "as CSV, for a spreadsheet: the table and every setting of each run")
      ->excludes(json);
  command->add_option("--rename", options->rename_run, "give this run folder a display name")
      ->excludes("--json")
      ->excludes("--csv");
  command->add_option("--name", options->name, "the display name for --rename (empty: none)")
      ->needs("--rename");
  command->footer(
      "Reads only (no lock): a run another process writes shows as running. A branch "
      "(train --branch) shows its parent as RUN@ITERATION.");
  return {command, [options] { return list(*options); }};
}

}  // namespace gs::cli
