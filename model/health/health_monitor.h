// The health monitor: rules that watch a run's statistics, its sample grids and the quality meter's
// scores, and warn when training goes wrong (docs/HEALTH.md gives each rule's reason, source and
// thresholds). It is pure bookkeeping over plain values, so crafted streams test every rule; the
// run core (training_run.h) feeds it, records its warnings in health.csv and tells observers.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "model/config/config.h"
#include "model/health/health_warning.h"
#include "model/io/images.h"
#include "model/metrics/quality_scores.h"
#include "model/metrics/step_stats.h"

namespace gs {

// The rules' thresholds, with the values docs/HEALTH.md explains (measured on healthy runs here).
struct HealthThresholds {
  // D dominance: over `dominance_window` iterations, D's mean output on fakes stays below
  // `dominance_fake` and G fools D in at most `dominance_g_acc` of its tries.
  // Off where D's outputs are not probabilities (a wgan-gp critic's scores): thresholds_for().
  bool dominance = true;
  int dominance_window = 500;
  double dominance_fake = 0.03;
  double dominance_g_acc = 0.01;
  // Gradient spikes: a norm above `spike_factor` times its median over the last `spike_window`
  // iterations and above `spike_floor` (ganhacks: norms over about 100 mean trouble; a saturated
  // D's tiny gradients jumping to a few units are not), after `spike_warmup` iterations.
  int spike_window = 200;
  double spike_factor = 50;
  double spike_floor = 100;
  int spike_warmup = 200;
  // G fooling D with garbage: the distance rose at each of the last `fools_measurements` - 1
  // measurements, by `fools_fd_rise` in all, while G's mean loss fell by `fools_loss_fall`.
  int fools_measurements = 3;
  double fools_fd_rise = 0.25;
  double fools_loss_fall = 0.10;
  // Mode collapse: coverage falls `collapse_classes_lost` classes below its best once it reached
  // `collapse_reached` of the classes; or the fixed batch's mean pairwise distance falls below
  // `collapse_diversity` of real images' after it had reached `collapse_diversity_reached`.
  int collapse_classes_lost = 2;
  double collapse_reached = 0.8;
  double collapse_diversity = 0.25;
  double collapse_diversity_reached = 0.5;
};

// Whether an iteration's statistics show a diverged run: a loss or a gradient norm that is NaN,
// infinite, or exploded (a binary cross-entropy above kExplodedLoss means D's outputs saturated
// beyond recovery; healthy gradient norms here stay in the hundreds).
inline constexpr double kExplodedLoss = 1e4;
inline constexpr double kExplodedGradient = 1e6;
bool diverging(const StepStats& stats);

// The mean pairwise Euclidean distance between the images of a batch (pixels scaled to 0..1).
double mean_pairwise_distance(const ImageBatch& batch);

// The thresholds that make sense for a training configuration's loss (training.loss): D
// dominance reads D's output as a probability, which a wgan-gp critic's score is not. Divergence,
// gradient spikes, G fooling D (its loss falling while quality worsens) and mode collapse hold for
// every loss.
HealthThresholds thresholds_for(Loss loss);

class HealthMonitor {
 public:
  // `real_diversity`: mean_pairwise_distance() of a batch of real images (0: the diversity rule
  // is off).
  HealthMonitor(const HealthConfig& settings, double real_diversity,
                HealthThresholds thresholds = {});

  // Each returns the warnings raised now; a rule warns once, then again only after its condition
  // cleared.
  std::vector<HealthWarning> observe(const StepStats& stats);
  std::vector<HealthWarning> observe_quality(const QualityScores& scores);
  std::vector<HealthWarning> observe_grid(int64_t iteration, const ImageBatch& grid);

  // Whether a warning of `rule` pauses the run (the settings; NaN always stops it).
  bool pauses(HealthRule rule) const;

 private:
  HealthWarning warn(int64_t iteration, HealthRule rule, std::string detail);
  bool arm(HealthRule rule, bool condition);  // true when the condition turns on

  HealthConfig settings_;
  double real_diversity_;
  HealthThresholds t_;
  bool active_[kHealthRuleCount] = {};
  int64_t seen_ = 0;
  std::deque<StepStats> recent_;  // the last max(dominance_window, spike_window) iterations
  double g_loss_sum_since_quality_ = 0;
  int64_t g_loss_count_since_quality_ = 0;
  std::vector<double> quality_fd_;
  std::vector<double> quality_g_loss_;  // G's mean loss between measurements
  int best_covered_ = 0;
  double best_diversity_ = 0;
};

}  // namespace gs
