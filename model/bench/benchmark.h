// The training benchmark behind `ganstudio-cli bench`: milliseconds per iteration and its parts,
// generator latency, memory, and the share of the device's measured peak arithmetic rate.
#pragma once

#include <string>
#include <vector>

#include "model/bench/op_profile.h"
#include "model/config/config.h"

namespace gs {

struct BenchOptions {
  int iterations = 20;  // timed iterations (after the warm-up)
  int warmup = 3;
  int profiled = 5;  // further iterations timed part by part (synchronizing between parts)
  bool measure_peak = true;
  int operator_profile = 0;  // further iterations under the autograd profiler (0: none)
};

struct Spread {
  double median = 0;
  double p10 = 0;
  double p90 = 0;
  double min = 0;
  double max = 0;
};

struct BenchResult {
  RunConfig config;  // resolved
  std::string device;
  std::string torch_version;
  int threads = 0;
  int iterations = 0;
  Spread ms_per_iteration;
  double parts_ms[4] = {};     // medians: fakes for D, D step on fakes, D step on reals, G step
  double generator_ms_1 = 0;   // G inference latency, one sample
  double generator_ms_64 = 0;  // ... and 64 samples
  double peak_rss_mib = 0;
  double flops_per_iteration = 0;           // as the architecture states its layers
  double executed_flops_per_iteration = 0;  // as computed (folded up-blocks in the seed generator)
  double achieved_gflops = 0;               // executed_flops_per_iteration / median time
  double peak_conv_gflops = 0;              // measured here with a large convolution
  double peak_matmul_gflops = 0;            // ... and a large matrix product
  double fraction_of_peak = 0;              // achieved / max(peak_conv, peak_matmul)
  double nominal_gflops = 0;  // flops_per_iteration / median time (the architecture's rate)
  OpProfile operators;        // when asked for (BenchOptions::operator_profile)
};

inline const char* const kBenchPartNames[4] = {"fakes_for_d", "d_step_fakes", "d_step_reals",
                                               "g_step"};

// Trains on random images of MNIST's shape (the speed does not depend on the pixels) with the
// configuration's model, loop, precision, batch, device and threads.
BenchResult run_benchmark(const RunConfig& requested, const BenchOptions& options);

// The result as one JSON object; "median_ms_per_iteration" is at the top level.
std::string to_json(const BenchResult& result);
// A short table for people.
std::string to_text(const BenchResult& result);

}  // namespace gs
