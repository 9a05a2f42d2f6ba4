// ganstudio-cli bench: how fast training runs here, part by part.
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command_line.h"
#include "model/bench/benchmark.h"
#include "model/config/config.h"
#include "model/config/keys.h"
#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs::cli {

namespace {

struct BenchCommandOptions {
  ConfigOptions config;
  std::string preset;
  std::string batch;
  std::string device;
  BenchOptions bench;
  bool no_peak = false;
  std::string json;
};

int bench(BenchCommandOptions& o) {
  RunConfig config = o.config.load();
  if (!o.preset.empty()) apply_assignment(config, std::string(keys::kPreset) + "=" + o.preset);
  if (!o.batch.empty()) apply_assignment(config, std::string(keys::kBatchSize) + "=" + o.batch);
  if (!o.device.empty()) apply_assignment(config, std::string(keys::kDevice) + "=" + o.device);
  o.bench.measure_peak = !o.no_peak;
  const BenchResult result = run_benchmark(config, o.bench);
  std::printf("%s", to_text(result).c_str());
  if (!o.json.empty()) {
    write_file_atomically(o.json, to_json(result));
    std::printf("wrote %s\n", o.json.c_str());
  }
  return 0;
}

}  // namespace

Command add_bench_command(CLI::App& cli) {
  auto o = std::make_shared<BenchCommandOptions>();
  o->bench.iterations = 20;
  o->bench.warmup = 3;
  CLI::App* command = cli.add_subcommand("bench", "how fast training runs here, part by part");
  command->footer(
      "Times training iterations on random images of MNIST's shape: median and spread of "
      "milliseconds per iteration after a warm-up, the parts of an iteration (fakes for D, the two "
      "D steps, the G step), generator latency for 1 and 64 samples, peak resident memory, and "
      "the share of this device's peak arithmetic rate, measured here with a large convolution "
      "and matrix product. --json writes the figures for scripts (median_ms_per_iteration at the "
      "top).");
  o->config.add_to(*command);
  auto as_set = [](const char* key) { return std::string(" (as --set ") + key + "=...)"; };
  command->add_option("--preset", o->preset, "seed or compact" + as_set(keys::kPreset));
  command->add_option("--batch", o->batch, "batch size" + as_set(keys::kBatchSize));
  command->add_option("--device", o->device, "cpu, cuda or cuda:N" + as_set(keys::kDevice));
  command->add_option("--iterations", o->bench.iterations, "timed iterations")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--warmup", o->bench.warmup, "iterations before timing")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  command
      ->add_option("--profile", o->bench.operator_profile,
                   "also profile N iterations operator by operator (self time per operator)")
      ->check(CLI::Range(0, 10000));
  command->add_flag("--no-peak", o->no_peak, "skip measuring the device's peak rate");
  command->add_option("--json", o->json, "write the figures as JSON");
  return {command, [o] { return bench(*o); }};
}

}  // namespace gs::cli
