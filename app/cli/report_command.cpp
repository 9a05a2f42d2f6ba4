// ganstudio-cli report: one or more runs as one self-contained HTML file (model/report/).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/command_line.h"
#include "model/report/run_report.h"

namespace gs::cli {

namespace {

struct ReportCommandOptions {
  std::vector<std::string> runs;
  std::string out = "report.html";
  std::vector<int64_t> grids;
};

int report(const ReportCommandOptions& o) {
  ReportOptions options;
  options.grid_iterations = o.grids;
  std::printf("%s\n", export_report(o.runs, options, o.out).c_str());
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& cli) {
  auto o = std::make_shared<ReportCommandOptions>();
  CLI::App* command = cli.add_subcommand(
      "report", "one or more runs as one self-contained HTML file, for people and for print");
  command->footer(
      "Each run: its facts, lineage, note, loss, accuracy and quality curves, grids, final "
      "samples, health warnings, timing, machine and settings; several runs are compared first "
      "(curves overlaid, settings that differ). Images are embedded and nothing is fetched: the "
      "file can be mailed or printed (A4). Example: report runs/a runs/b --out ab.html");
  command->add_option("runs", o->runs, "run folders (1 to 16)")
      ->required()
      ->expected(1, static_cast<int>(kMostReportRuns));
  command->add_option("--out", o->out, "the HTML file to write")->capture_default_str();
  command
      ->add_option("--grids", o->grids,
                   "the iterations whose grids to show (default: four spread over the run)")
      ->delimiter(',');
  return {command, [o] { return report(*o); }};
}

}  // namespace gs::cli
