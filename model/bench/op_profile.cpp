#include "model/bench/op_profile.h"

#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "model/training/gan_step.h"
#include "model/training/training_state.h"

namespace gs {

namespace {

namespace profiler = torch::autograd::profiler;
using Clock = std::chrono::steady_clock;

struct Open {
  const profiler::LegacyEvent* push;
  double children_us = 0;
};

}  // namespace

OpProfile profile_operators(TrainingState& state, int iterations) {
  OpProfile result;
  result.iterations = iterations;
  profiler::enableProfilerLegacy(
      torch::profiler::impl::ProfilerConfig(torch::profiler::impl::ProfilerState::CPU));
  const auto start = Clock::now();
  for (int i = 0; i < iterations; ++i) train_step(state).to(torch::kCPU);
  const double wall_us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  const profiler::thread_event_lists lists = profiler::disableProfilerLegacy();

  struct Sum {
    int64_t calls = 0;
    double self_us = 0;
  };
  std::map<std::string, Sum> sums;
  double recorded_us = 0;
  int64_t calls = 0;
  for (const auto& events : lists) {
    // Pushes and pops nest per thread; a pop closes the innermost open push of that handle's
    // thread. Self time is a range's time less its children's.
    std::vector<Open> stack;
    for (const auto& event : events) {
      if (event.kind() == profiler::EventKind::PushRange) {
        stack.push_back({&event});
      } else if (event.kind() == profiler::EventKind::PopRange && !stack.empty()) {
        const Open open = stack.back();
        stack.pop_back();
        const double us = open.push->cpuElapsedUs(event);
        Sum& sum = sums[open.push->name()];
        ++sum.calls;
        ++calls;
        sum.self_us += us - open.children_us;
        if (stack.empty()) {
          recorded_us += us;
        } else {
          stack.back().children_us += us;
        }
      }
    }
  }
  const double n = iterations;
  result.wall_ms = wall_us / 1000.0 / n;
  result.recorded_ms = recorded_us / 1000.0 / n;
  result.operators = static_cast<int64_t>(static_cast<double>(calls) / n);
  for (const auto& [name, sum] : sums) {
    result.ops.push_back({name, static_cast<double>(sum.calls) / n, sum.self_us / 1000.0 / n});
  }
  std::sort(result.ops.begin(), result.ops.end(),
            [](const OpTime& a, const OpTime& b) { return a.self_ms > b.self_ms; });
  return result;
}

std::string to_text(const OpProfile& p, int rows) {
  std::string text;
  char line[256];
  std::snprintf(line, sizeof line,
                "  operators         %lld calls per iteration; %.2f ms per iteration profiled, "
                "%.2f ms of it inside operators\n",
                static_cast<long long>(p.operators), p.wall_ms, p.recorded_ms);
  text += line;
  std::snprintf(line, sizeof line, "  %-44s %8s %9s %7s\n", "operator (self time)", "calls/it",
                "ms/it", "share");
  text += line;
  for (int i = 0; i < rows && i < static_cast<int>(p.ops.size()); ++i) {
    const OpTime& op = p.ops[static_cast<size_t>(i)];
    std::snprintf(line, sizeof line, "  %-44.44s %8.1f %9.3f %6.1f%%\n", op.name.c_str(), op.calls,
                  op.self_ms, 100.0 * op.self_ms / p.wall_ms);
    text += line;
  }
  double rest = 0;
  for (size_t i = static_cast<size_t>(std::max(rows, 0)); i < p.ops.size(); ++i)
    rest += p.ops[i].self_ms;
  std::snprintf(line, sizeof line, "  %-44s %8s %9.3f %6.1f%%\n", "other operators", "", rest,
                100.0 * rest / p.wall_ms);
  text += line;
  const double outside = p.wall_ms - p.recorded_ms;
  std::snprintf(line, sizeof line, "  %-44s %8s %9.3f %6.1f%%\n", "outside operators (glue)", "",
                outside, 100.0 * outside / p.wall_ms);
  text += line;
  return text;
}

}  // namespace gs
