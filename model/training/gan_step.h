// One training iteration (internal: includes LibTorch).
#pragma once

#include <torch/types.h>

#include "model/training/training_state.h"

namespace gs {

// Positions of the statistics in the tensor train_step() returns.
enum Stat : int {
  kDLoss,
  kDAcc,
  kGLoss,
  kGAcc,
  kDReal,
  kDFake,
  kDGradNorm,
  kGGradNorm,
  kDRealAcc,  // the share of the real batch D called real (ADA's overfitting signal)
  kStatCount
};

// Milliseconds spent in each part of the iteration (filled when asked for; on CUDA the device is
// synchronized between parts, which costs a little speed).
struct PartTimes {
  double fakes_ms = 0;   // fakes for D (seed-exact: G in inference mode)
  double d_fake_ms = 0;  // D step on the fakes, label 0
  double d_real_ms = 0;  // D step on a real batch, label 1
  double g_ms = 0;       // G step through D, label 1, D frozen
};

// Runs one iteration of state.config.training.loop and returns kStatCount floats on the device:
// d_loss = (fake_loss + real_loss) / 2, d_acc = (fake_acc + real_acc) / 2 (threshold 0.5),
// g_loss, g_acc (the fraction of fakes D calls real), D's mean output on reals and on fakes, and
// the L2 norms of the gradients: D's (the larger of its two steps) and G's, before the optimizer
// steps, and the share of the real batch D called real (a critic: scored above the fakes' mean).
//
// seed-exact, the post's iteration:
//   1. z ~ N(0, 1); fakes = G(z) in inference mode
//   2. a real batch drawn uniformly with replacement
//   3. D step on the fakes (label 0), then a second D step on the reals (label 1)
//   4. new z; G step through D with labels 1; D's parameters take no gradient and do not change
// fast: the same networks and objective with one generator forward (in training mode) whose fakes
// feed D's fake step (detached) and then G's step.
// After either, G's moving average (training.g_average) moves towards G.
torch::Tensor train_step(TrainingState& state, PartTimes* times = nullptr);

// The G step alone (used by the test that proves D stays bit-identical).
// `classes`: the fakes' classes for a conditional model (undefined otherwise).
torch::Tensor generator_step(TrainingState& state, const torch::Tensor& fakes_with_graph,
                             const torch::Tensor& classes = {});

}  // namespace gs
