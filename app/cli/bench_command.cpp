// ganstudio-cli bench: how fast training runs here, part by part.
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "model/bench/benchmark.h"
#include "model/config/config.h"
#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs::cli {

const char* const kBenchUsage =
    "usage: ganstudio-cli bench [--config FILE] [--set key=value ...] [--preset P] [--batch B]\n"
    "                           [--device D] [--iterations N] [--warmup N] [--json FILE]\n"
    "                           [--no-peak]\n"
    "\n"
    "Times training iterations on random images of MNIST's shape: median and spread of\n"
    "milliseconds per iteration after a warm-up, the parts of an iteration (fakes for D, the two "
    "D\n"
    "steps, the G step), generator latency for 1 and 64 samples, peak resident memory, and the\n"
    "share of this device's peak arithmetic rate, measured here with a large convolution and\n"
    "matrix product. --json writes the figures for scripts (median_ms_per_iteration at the top).\n";

int run_bench(Arguments& args) {
  RunConfig config;
  if (const auto path = args.take("config")) config = load_config(*path);
  for (const auto& assignment : args.take_all("set")) apply_assignment(config, assignment);
  if (const auto preset = args.take("preset")) apply_assignment(config, "model.preset=" + *preset);
  if (const auto batch = args.take("batch"))
    apply_assignment(config, "training.batch_size=" + *batch);
  if (const auto device = args.take("device"))
    apply_assignment(config, "training.device=" + *device);
  BenchOptions options;
  options.iterations = static_cast<int>(args.take_integer("iterations", 1, 100000).value_or(20));
  options.warmup = static_cast<int>(args.take_integer("warmup", 0, 1000).value_or(3));
  options.measure_peak = !args.take_flag("no-peak");
  const auto json = args.take("json");
  args.expect_empty();

  const BenchResult result = run_benchmark(config, options);
  std::printf("%s", to_text(result).c_str());
  if (json) {
    write_file_atomically(*json, to_json(result));
    std::printf("wrote %s\n", json->c_str());
  }
  return 0;
}

}  // namespace gs::cli
