// ganstudio-cli: headless training, sampling, exports and benchmarks (no Qt; what runs on GPU
// servers). The command line is parsed by CLI11: one place for help texts, value checks and
// messages; each subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/command_line.h"
#include "model/io/error.h"

namespace {

// "unknown option --frob" for the arguments the parser could not place, else its own message.
std::string describe(const CLI::ParseError& error, const CLI::App& command) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    const std::vector<std::string> extras = command.remaining();
    if (!extras.empty()) {
      const std::string& first = extras.front();
      return (first.rfind('-', 0) == 0 ? "unknown option " : "unexpected argument ") + first;
    }
  }
  return error.what();
}

int run(int argc, char** argv) {
  CLI::App cli{"GanStudio's headless trainer: train, sample, export and benchmark GANs.",
               "ganstudio-cli"};
  cli.require_subcommand(1, 1);
  cli.footer("'ganstudio-cli COMMAND --help' shows a command's options.");
  const std::vector<gs::cli::Command> commands = {
      gs::cli::add_train_command(cli),    gs::cli::add_sample_command(cli),
      gs::cli::add_evaluate_command(cli), gs::cli::add_export_command(cli),
      gs::cli::add_bench_command(cli),    gs::cli::add_classifier_command(cli),
      gs::cli::add_runs_command(cli),     gs::cli::add_control_command(cli),
      gs::cli::add_sweep_command(cli),    gs::cli::add_project_command(cli),
      gs::cli::add_report_command(cli)};

  const gs::cli::Command* chosen = nullptr;
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return cli.exit(help);  // the chosen command's help, or the overview; exit 0
  } catch (const CLI::ParseError& error) {
    for (const auto& command : commands) {
      if (command.parser->parsed()) chosen = &command;
    }
    if (!chosen) {
      std::fprintf(stderr, "ganstudio-cli: %s\n\n%s", error.what(), cli.help().c_str());
      return 2;
    }
    std::fprintf(stderr, "ganstudio-cli %s: %s\n\n%s", chosen->parser->get_name().c_str(),
                 describe(error, *chosen->parser).c_str(),
                 chosen->parser->help("ganstudio-cli").c_str());
    return 2;
  }
  for (const auto& command : commands) {
    if (command.parser->parsed()) chosen = &command;
  }
  if (!chosen) {  // the parser requires a command; this keeps it so if that ever changes
    std::fprintf(stderr, "ganstudio-cli: a command is needed\n\n%s", cli.help().c_str());
    return 2;
  }
  const std::string name = chosen->parser->get_name();
  try {
    return chosen->run();
  } catch (const gs::cli::UsageError& error) {
    std::fprintf(stderr, "ganstudio-cli %s: %s\n\n%s", name.c_str(), error.what(),
                 chosen->parser->help("ganstudio-cli").c_str());
    return 2;
  } catch (const gs::Error& error) {
    std::fprintf(stderr, "ganstudio-cli %s: error: %s\n", name.c_str(), error.what());
    return 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "ganstudio-cli %s: unexpected error: %s\n", name.c_str(), error.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {  // the command line itself could not be set up
    std::fprintf(stderr, "ganstudio-cli: unexpected error: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "ganstudio-cli: unexpected error\n");
  }
  return 1;
}
