// Arithmetic cost of the networks, counted from their layer shapes (no LibTorch needed).
// A multiply-accumulate counts as 2 floating-point operations. Backward passes are counted as twice
// their forward (one product for the input gradient, one for the weight gradient), the usual rule.
#pragma once

#include <string>
#include <vector>

#include "model/config/config.h"

namespace gs {

struct LayerCost {
  std::string name;
  double forward_flops = 0;  // per sample, as the architecture states the layer
  double executed_flops =
      0;                  // per sample, as GanStudio computes it (the seed generator's up-blocks
                          // run as folded 3x3 convolutions: 9 of 25 taps; see networks.h)
  double parameters = 0;  // its weights
  double outputs = 0;     // values it produces per sample (at 28 x 28)
};

// Per-sample forward costs of each weighted layer, for a resolved model configuration.
std::vector<LayerCost> generator_costs(const ModelConfig& resolved);
std::vector<LayerCost> discriminator_costs(const ModelConfig& resolved);

// Sum of forward_flops, or of executed_flops.
double total_flops(const std::vector<LayerCost>& costs, bool executed = false);

// Floating-point operations of one training iteration of `resolved`'s loop at its batch size, as
// the architecture states them or as executed.
double iteration_flops(const RunConfig& resolved, bool executed = false);

// About how many bytes one training iteration of `resolved` needs on its device (weights, their
// gradients and optimizer state, and what the backward pass keeps), as an upper estimate: a
// configuration that needs more than the machine has is refused before a tensor is allocated.
double training_bytes(const RunConfig& resolved);
// Why `resolved` cannot train in `available_bytes` (naming the keys to change), or "" when it can
// or `available_bytes` is unknown (0).
std::string memory_refusal(const RunConfig& resolved, double available_bytes);

}  // namespace gs
