// ganstudio-cli: headless training and sampling (no Qt; what runs on GPU servers).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "model/io/error.h"

namespace {

constexpr const char* kUsage =
    "usage: ganstudio-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  train    train a GAN headless into a run folder\n"
    "  sample   draw images from a checkpoint as IDX or PNG\n"
    "  export   grids, training GIFs, samples, metrics and configurations from a run\n"
    "  bench    how fast training runs here, part by part\n"
    "\n"
    "'ganstudio-cli <command> --help' shows a command's options.\n";

struct Command {
  const char* name;
  int (*run)(gs::cli::Arguments&);
  const char* usage;
};

const Command kCommands[] = {
    {"train", gs::cli::run_train, gs::cli::kTrainUsage},
    {"sample", gs::cli::run_sample, gs::cli::kSampleUsage},
    {"export", gs::cli::run_export, gs::cli::kExportUsage},
    {"bench", gs::cli::run_bench, gs::cli::kBenchUsage},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  for (const Command& command : kCommands) {
    if (std::strcmp(argv[1], command.name) != 0) continue;
    gs::cli::Arguments args(std::vector<std::string>(argv + 2, argv + argc));
    if (args.take_flag("help")) {
      std::fputs(command.usage, stdout);
      return 0;
    }
    try {
      return command.run(args);
    } catch (const gs::cli::UsageError& error) {
      std::fprintf(stderr, "ganstudio-cli %s: %s\n\n%s", command.name, error.what(), command.usage);
      return 2;
    } catch (const gs::Error& error) {
      std::fprintf(stderr, "ganstudio-cli %s: error: %s\n", command.name, error.what());
      return 1;
    } catch (const std::exception& error) {
      std::fprintf(stderr, "ganstudio-cli %s: unexpected error: %s\n", command.name, error.what());
      return 1;
    }
  }
  std::fprintf(stderr, "ganstudio-cli: unknown command '%s'\n\n%s", argv[1], kUsage);
  return 2;
}
