#include "model/bench/benchmark.h"

#include <ATen/Parallel.h>
#include <sys/resource.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "model/networks/flops.h"
#include "model/training/gan_step.h"
#include "model/training/training_state.h"

namespace gs {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void synchronize(const torch::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize(device.index());
}

Spread spread_of(std::vector<double> values) {
  Spread s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  auto at = [&](double q) {
    return values[static_cast<size_t>(std::lround(q * static_cast<double>(values.size() - 1)))];
  };
  s.median = at(0.5);
  s.p10 = at(0.1);
  s.p90 = at(0.9);
  s.min = values.front();
  s.max = values.back();
  return s;
}

// Best of a few runs of `op`, in GFLOP/s.
template <typename Op>
double best_rate(double flops, const torch::Device& device, Op op) {
  op();  // warm-up (kernel choice, allocation)
  synchronize(device);
  double best = 0;
  for (int i = 0; i < 4; ++i) {
    const auto start = Clock::now();
    op();
    synchronize(device);
    best = std::max(best, flops / (ms_since(start) / 1000.0) / 1e9);
  }
  return best;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports KiB
}

ImageSet random_images(int64_t count) {
  ImageSet set;
  set.source = "random images";
  set.count = count;
  set.rows = kImageSide;
  set.cols = kImageSide;
  const torch::Tensor bytes =
      torch::randint(0, 256, {count * kImageSide * kImageSide}, torch::kUInt8);
  set.pixels.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
  return set;
}

}  // namespace

BenchResult run_benchmark(const RunConfig& requested, const BenchOptions& options) {
  const torch::Device device = parse_device(requested.training.device);
  const RunConfig config = resolve(requested, device.is_cuda());
  TrainingState state = make_training_state(config, random_images(10000));
  BenchResult result;
  result.config = config;
  result.device = describe_device(state.device);
  result.torch_version = TORCH_VERSION;
  result.threads = at::get_num_threads();
  result.iterations = options.iterations;

  for (int i = 0; i < options.warmup; ++i) train_step(state).to(torch::kCPU);
  std::vector<double> times;
  for (int i = 0; i < options.iterations; ++i) {
    const auto start = Clock::now();
    train_step(state).to(torch::kCPU);  // what Trainer::step does: one read of the statistics
    times.push_back(ms_since(start));
  }
  result.ms_per_iteration = spread_of(times);

  std::vector<double> parts[4];
  for (int i = 0; i < options.profiled; ++i) {
    PartTimes t;
    train_step(state, &t).to(torch::kCPU);
    parts[0].push_back(t.fakes_ms);
    parts[1].push_back(t.d_fake_ms);
    parts[2].push_back(t.d_real_ms);
    parts[3].push_back(t.g_ms);
  }
  for (int p = 0; p < 4; ++p) result.parts_ms[p] = spread_of(parts[p]).median;
  if (options.operator_profile > 0)
    result.operators = profile_operators(state, options.operator_profile);

  for (const int n : {1, 64}) {
    const torch::Tensor z =
        torch::randn({n, config.model.noise_dim}, torch::TensorOptions().device(device));
    std::vector<double> latencies;
    for (int i = 0; i < 12; ++i) {
      const auto start = Clock::now();
      generate_bytes(*state.generator, z);
      latencies.push_back(ms_since(start));
    }
    latencies.erase(latencies.begin(), latencies.begin() + 2);  // warm-up
    (n == 1 ? result.generator_ms_1 : result.generator_ms_64) = spread_of(latencies).median;
  }

  result.flops_per_iteration = iteration_flops(config);
  result.executed_flops_per_iteration = iteration_flops(config, /*executed=*/true);
  const double seconds = result.ms_per_iteration.median / 1000.0;
  result.achieved_gflops = result.executed_flops_per_iteration / seconds / 1e9;
  result.nominal_gflops = result.flops_per_iteration / seconds / 1e9;
  if (options.measure_peak) {
    torch::NoGradGuard no_grad;
    const auto dtype =
        *config.training.precision == Precision::Bf16 ? torch::kBFloat16 : torch::kFloat32;
    const auto opts = torch::TensorOptions().device(device).dtype(dtype);
    const int64_t batch = device.is_cuda() ? 256 : 64;
    auto input =
        torch::randn({batch, 128, 28, 28}, opts).contiguous(at::MemoryFormat::ChannelsLast);
    auto weight = torch::randn({128, 128, 5, 5}, opts).contiguous(at::MemoryFormat::ChannelsLast);
    const double conv_flops = 2.0 * batch * 28 * 28 * 128 * 128 * 25;
    result.peak_conv_gflops =
        best_rate(conv_flops, device, [&] { torch::conv2d(input, weight, {}, 1, 2); });
    const int64_t n = device.is_cuda() ? 8192 : 2048;
    auto a = torch::randn({n, n}, opts);
    auto b = torch::randn({n, n}, opts);
    result.peak_matmul_gflops = best_rate(2.0 * n * n * n, device, [&] { torch::mm(a, b); });
    const double peak = std::max(result.peak_conv_gflops, result.peak_matmul_gflops);
    result.fraction_of_peak = peak > 0 ? result.achieved_gflops / peak : 0;
  }
  result.peak_rss_mib = peak_rss_mib();
  return result;
}

std::string to_json(const BenchResult& r) {
  const TrainingConfig& t = r.config.training;
  auto spread = [](const Spread& s) {
    char text[256];
    std::snprintf(text, sizeof text,
                  "{\"median\": %.3f, \"p10\": %.3f, \"p90\": %.3f, \"min\": %.3f, \"max\": %.3f}",
                  s.median, s.p10, s.p90, s.min, s.max);
    return std::string(text);
  };
  char text[2048];
  std::snprintf(
      text, sizeof text,
      "{\n"
      "  \"implementation\": \"ganstudio\",\n"
      "  \"median_ms_per_iteration\": %.3f,\n"
      "  \"ms_per_iteration\": %s,\n"
      "  \"parts_ms\": {\"%s\": %.3f, \"%s\": %.3f, \"%s\": %.3f, \"%s\": %.3f},\n"
      "  \"generator_latency_ms\": {\"1\": %.3f, \"64\": %.3f},\n"
      "  \"peak_rss_mib\": %.1f,\n"
      "  \"flops_per_iteration\": %.6g,\n"
      "  \"executed_flops_per_iteration\": %.6g,\n"
      "  \"achieved_gflops\": %.6g,\n"
      "  \"nominal_gflops\": %.6g,\n"
      "  \"peak_conv_gflops\": %.2f,\n"
      "  \"peak_matmul_gflops\": %.2f,\n"
      "  \"fraction_of_peak\": %.6g,\n"
      "  \"preset\": \"%s\", \"loop\": \"%s\", \"precision\": \"%s\", \"memory_format\": \"%s\",\n"
      "  \"batch\": %d, \"iterations\": %d,\n"
      "  \"device\": \"%s\", \"threads\": %d, \"torch_version\": \"%s\"\n"
      "}\n",
      r.ms_per_iteration.median, spread(r.ms_per_iteration).c_str(), kBenchPartNames[0],
      r.parts_ms[0], kBenchPartNames[1], r.parts_ms[1], kBenchPartNames[2], r.parts_ms[2],
      kBenchPartNames[3], r.parts_ms[3], r.generator_ms_1, r.generator_ms_64, r.peak_rss_mib,
      r.flops_per_iteration, r.executed_flops_per_iteration, r.achieved_gflops, r.nominal_gflops,
      r.peak_conv_gflops, r.peak_matmul_gflops, r.fraction_of_peak,
      to_string(*r.config.model.preset).c_str(), to_string(*t.loop).c_str(),
      to_string(*t.precision).c_str(), to_string(*t.memory_format).c_str(), t.batch_size,
      r.iterations, r.device.c_str(), r.threads, r.torch_version.c_str());
  return text;
}

std::string to_text(const BenchResult& r) {
  const TrainingConfig& t = r.config.training;
  char text[2048];
  std::snprintf(
      text, sizeof text,
      "%s preset, %s loop, %s, %s, batch %d on %s (LibTorch %s)\n"
      "  ms per iteration  median %.1f   p10 %.1f   p90 %.1f   (min %.1f, max %.1f)\n"
      "  parts (median)    fakes for D %.1f | D on fakes %.1f | D on reals %.1f | G step %.1f\n"
      "  generator         1 sample %.2f ms, 64 samples %.2f ms\n"
      "  arithmetic        %.1f GFLOP per iteration as the architecture states it (%.1f GFLOP/s); "
      "%.1f as computed here:\n"
      "                    %.1f GFLOP/s = %.0f%% of the measured peak (convolution %.1f, "
      "matrix product %.1f GFLOP/s)\n"
      "  peak memory       %.0f MiB resident\n",
      to_string(*r.config.model.preset).c_str(), to_string(*t.loop).c_str(),
      to_string(*t.precision).c_str(), to_string(*t.memory_format).c_str(), t.batch_size,
      r.device.c_str(), r.torch_version.c_str(), r.ms_per_iteration.median, r.ms_per_iteration.p10,
      r.ms_per_iteration.p90, r.ms_per_iteration.min, r.ms_per_iteration.max, r.parts_ms[0],
      r.parts_ms[1], r.parts_ms[2], r.parts_ms[3], r.generator_ms_1, r.generator_ms_64,
      r.flops_per_iteration / 1e9, r.nominal_gflops, r.executed_flops_per_iteration / 1e9,
      r.achieved_gflops, 100 * r.fraction_of_peak, r.peak_conv_gflops, r.peak_matmul_gflops,
      r.peak_rss_mib);
  if (r.operators.iterations > 0) return text + to_text(r.operators);
  return text;
}

}  // namespace gs
