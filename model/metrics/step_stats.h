// One training iteration's numbers, as the trainer measures them and metrics.csv records them.
// A plain value: the run folder, the health monitor and the programs read it without the trainer.
#pragma once

#include <cstdint>

namespace gs {

// The seed's four scalars for one iteration, plus D's mean outputs, the gradient norms and the
// step's duration.
struct StepStats {
  int64_t iteration = 0;  // 1-based: the iteration this step completed
  float d_loss = 0;       // (fake_loss + real_loss) / 2, binary cross-entropy
  float d_acc = 0;        // (fake_acc + real_acc) / 2, threshold 0.5
  float g_loss = 0;
  float g_acc = 0;        // the fraction of fakes D calls real
  float d_real = 0;       // D's mean output (probability) on the real batch
  float d_fake = 0;       // D's mean output on the fakes
  float d_grad_norm = 0;  // L2 norm of D's gradients (the larger of its two steps)
  float g_grad_norm = 0;  // L2 norm of G's gradients
  // The augmentation's strength (training.augment): the probability of each transform, 0 when
  // off, 1 for diffaugment, adaptive for ada.
  float augment_p = 0;
  double step_ms = 0;
  // The run's clock (TrainingRun): seconds since this session of the run began training (what
  // metrics.csv's time_s holds; it starts again at 0 when a run is resumed), and the run's training
  // time over all its sessions (the charts' time axis).
  double time_s = 0;
  double training_s = 0;
};

}  // namespace gs
