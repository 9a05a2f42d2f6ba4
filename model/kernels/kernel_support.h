// What the hand-written CPU kernels share (internal to model/kernels/: LibTorch): how a batch is
// split among threads so that sums come out the same run after run, and the differentiable fallback
// for a second derivative.
#pragma once

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <torch/autograd.h>
#include <torch/types.h>
#include <torch/version.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

#include "model/kernels/vector_clones.h"

namespace gs::kernels {

// Whether autocast is on for the CPU on this thread (the kernels then step aside: LibTorch's
// layers run in the autocast type). LibTorch 2.4 renamed the query.
inline bool cpu_autocast() {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  return at::autocast::is_autocast_enabled(at::kCPU);
#else
  return at::autocast::is_cpu_enabled();
#endif
}

// Whether `t` is a float32 CPU tensor whose channels lie innermost in memory ([N, C, H, W] stored
// as N, H, W, C): channels-last, or any layout when there is one channel.
inline bool channels_innermost(const torch::Tensor& t) {
  if (t.dim() != 4 || !t.device().is_cpu() || t.scalar_type() != torch::kFloat32) return false;
  return t.is_contiguous(at::MemoryFormat::ChannelsLast) || (t.size(1) == 1 && t.is_contiguous());
}

// [N, C, H, W] with the channels innermost in memory: t itself when it is so, else a copy.
inline torch::Tensor with_channels_innermost(const torch::Tensor& t) {
  if (channels_innermost(t)) return t;
  return t.contiguous(at::MemoryFormat::ChannelsLast);
}

// A new [N, C, H, W] float tensor with the channels innermost.
inline torch::Tensor empty_channels_innermost(int64_t n, int64_t c, int64_t h, int64_t w,
                                              const torch::TensorOptions& options) {
  return torch::empty({n, c, h, w}, options.memory_format(at::MemoryFormat::ChannelsLast));
}

// Work over `items` rows split into a fixed number of parts (the thread count, at most one part
// per `grain` rows), run in parallel. A part's partial sums land in their own slot and are added in
// the parts' order, so the result depends on the thread count only, never on scheduling.
struct Parts {
  int64_t count = 1;
  int64_t items = 0;
  Parts(int64_t items_, int64_t grain)
      : count(std::clamp<int64_t>(items_ / std::max<int64_t>(grain, 1), 1,
                                  std::max(1, at::get_num_threads()))),
        items(items_) {}
  int64_t begin(int64_t part) const { return items * part / count; }
  int64_t end(int64_t part) const { return items * (part + 1) / count; }
  // body(part, begin, end) for every part.
  void run(const std::function<void(int64_t, int64_t, int64_t)>& body) const {
    at::parallel_for(0, count, 1, [&](int64_t first, int64_t last) {
      for (int64_t part = first; part < last; ++part) body(part, begin(part), end(part));
    });
  }
};

// Adds the parts' partial sums (rows of `width` doubles) into the first row, in order.
inline void add_parts(std::vector<double>& partials, int64_t parts, int64_t width) {
  for (int64_t part = 1; part < parts; ++part) {
    for (int64_t i = 0; i < width; ++i) partials[i] += partials[part * width + i];
  }
}

// The gradients of `reference(inputs)` with `grad` as the outputs' gradient, differentiable
// themselves: a kernel's backward calls this when autograd records a graph through it (a second
// derivative, as the gradient penalty's). Inputs that need no gradient get an undefined tensor.
inline torch::autograd::variable_list reference_gradients(
    const std::function<torch::Tensor(const torch::autograd::variable_list&)>& reference,
    const torch::autograd::variable_list& inputs, const torch::Tensor& grad) {
  const torch::Tensor out = reference(inputs);
  torch::autograd::variable_list wanted;
  for (const auto& input : inputs) {
    if (input.defined() && input.requires_grad()) wanted.push_back(input);
  }
  torch::autograd::variable_list found =
      torch::autograd::grad({out}, wanted, {grad}, /*retain_graph=*/true, /*create_graph=*/true,
                            /*allow_unused=*/true);
  torch::autograd::variable_list grads;
  size_t next = 0;
  for (const auto& input : inputs) {
    grads.push_back(input.defined() && input.requires_grad() ? found[next++] : torch::Tensor());
  }
  return grads;
}

}  // namespace gs::kernels
