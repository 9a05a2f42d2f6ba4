// ganstudio-cli runs: the runs in a folder with their figures and parents (the family tree), and
// a run's display name and note.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/command_line.h"
#include "app/cli/control_answer.h"
#include "model/runs/run_catalog.h"
#include "model/runs/run_notes.h"
#include "model/runs/runs_csv.h"

namespace gs::cli {

namespace {

struct RunsOptions {
  std::string folder = "runs";
  bool json = false;
  bool csv = false;
  std::string rename_run;
  std::string name;
  std::vector<std::string> note;  // RUN [TEXT]
  double wait_s = 10;
};

// runs --note RUN: prints the note; runs --note RUN TEXT: saves it (TEXT "": removes it).
int note(const RunsOptions& options) {
  const std::string& run = options.note[0];
  summarize_run(run);  // refuses a folder that is not a run
  if (options.note.size() == 1) {
    std::fputs(read_run_note(run).c_str(), stdout);
    return 0;
  }
  const std::string& text = options.note[1];
  std::string request;
  if (save_run_note(run, text, "ganstudio-cli runs", &request) == NoteDelivery::Written) {
    std::printf("%s: %s\n", run.c_str(),
                text.empty() ? "note removed"
                             : ("note saved (" + std::to_string(text.size()) + " bytes)").c_str());
    return 0;
  }
  // A trainer holds the run: it writes the note.
  return await_control_answer(run, request, "the note", options.wait_s);
}

int list(const RunsOptions& options) {
  if (!options.note.empty()) return note(options);
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
  command
      ->add_option("--note", options->note,
                   "RUN [TEXT]: print the run's note, or save TEXT as its note (Markdown, "
                   "notes.md; \"\": remove it). A run a trainer holds gets it through the "
                   "trainer")
      ->expected(1, 2)
      ->excludes("--json")
      ->excludes("--csv")
      ->excludes("--rename");
  command->add_option("--wait", options->wait_s, "--note: seconds to wait for a trainer's answer")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  command->footer(
      "Reads only (no lock): a run another process writes shows as running. A branch "
      "(train --branch) shows its parent as RUN@ITERATION.");
  return {command, [options] { return list(*options); }};
}

}  // namespace gs::cli
