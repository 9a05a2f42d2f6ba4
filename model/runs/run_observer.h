// What a driver or a feature hears from a training run (model/training/training_run.h): the
// interface features implement to follow training (the progress line, the window's charts, the
// TensorBoard log), once for both programs. Plain values only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/config/live_settings.h"
#include "model/health/health_warning.h"
#include "model/io/images.h"
#include "model/metrics/discriminator_scores.h"
#include "model/metrics/quality_scores.h"
#include "model/metrics/step_stats.h"

namespace gs {

// What a driver or a feature hears from a run. Calls come on the thread that drives the run; within
// an iteration: on_iteration, then on_diverged, or on_grid (then on_scores) and on_checkpoint when
// they are due.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // After every iteration, with its statistics (also when they are not finite).
  virtual void on_iteration(const StepStats& /*stats*/) {}
  // After a sample grid of the fixed latent batch was drawn and written to samples/.
  virtual void on_grid(int64_t /*iteration*/, const ImageBatch& /*grid*/) {}
  // After the grid, D's outputs on real images, fakes and the grid's images
  // (outputs.score_samples; also written to scores.csv).
  virtual void on_scores(const DiscriminatorScores& /*scores*/) {}
  // After a checkpoint was written.
  virtual void on_checkpoint(int64_t /*iteration*/, const std::string& /*path*/) {}
  // After live settings changed; each change carries the first iteration that uses it.
  virtual void on_live_change(const std::vector<SettingChange>& /*changes*/) {}
  // A loss or gradient became NaN, infinite or exploded (health_monitor.h, diverging()): the run
  // stops, and nothing is written over its checkpoints.
  virtual void on_diverged(const StepStats& /*stats*/) {}
  // The quality meter measured the generator (quality.every, or when asked).
  virtual void on_quality(const QualityScores& /*scores*/) {}
  // The health monitor warns (also written to health.csv).
  virtual void on_health(const HealthWarning& /*warning*/) {}
};

}  // namespace gs
