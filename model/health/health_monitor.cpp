#include "model/health/health_monitor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gs {

namespace {

std::string format(const char* pattern, double a, double b = 0, double c = 0, double d = 0) {
  char text[200];
  std::snprintf(text, sizeof text, pattern, a, b, c, d);
  return text;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace

bool diverging(const StepStats& s) {
  auto bad = [](double value, double limit) {
    return !std::isfinite(value) || std::abs(value) > limit;
  };
  return bad(s.d_loss, kExplodedLoss) || bad(s.g_loss, kExplodedLoss) ||
         bad(s.d_grad_norm, kExplodedGradient) || bad(s.g_grad_norm, kExplodedGradient);
}

double mean_pairwise_distance(const ImageBatch& batch) {
  const size_t size = static_cast<size_t>(batch.side) * batch.side;
  double total = 0;
  int64_t pairs = 0;
  for (int i = 0; i < batch.count; ++i) {
    for (int j = i + 1; j < batch.count; ++j) {
      const uint8_t* a = batch.pixels.data() + i * size;
      const uint8_t* b = batch.pixels.data() + j * size;
      double sum = 0;
      for (size_t k = 0; k < size; ++k) {
        const double d = (static_cast<double>(a[k]) - b[k]) / 255.0;
        sum += d * d;
      }
      total += std::sqrt(sum);
      ++pairs;
    }
  }
  return pairs > 0 ? total / static_cast<double>(pairs) : 0.0;
}

HealthThresholds thresholds_for(Loss loss) {
  HealthThresholds thresholds;
  thresholds.dominance = loss != Loss::WganGp;
  return thresholds;
}

HealthMonitor::HealthMonitor(const HealthConfig& settings, double real_diversity,
                             HealthThresholds thresholds)
    : settings_(settings), real_diversity_(real_diversity), t_(thresholds) {}

bool HealthMonitor::pauses(HealthRule rule) const {
  switch (rule) {
    case HealthRule::Divergence:
      return settings_.pause_on_divergence;
    case HealthRule::ModeCollapse:
      return settings_.pause_on_collapse;
    case HealthRule::DDominance:
      return settings_.pause_on_dominance;
    case HealthRule::GradientSpike:
      return settings_.pause_on_spike;
    case HealthRule::GFoolsD:
      return false;
  }
  return false;
}

HealthWarning HealthMonitor::warn(int64_t iteration, HealthRule rule, std::string detail) {
  return {iteration, rule, std::move(detail), pauses(rule)};
}

bool HealthMonitor::arm(HealthRule rule, bool condition) {
  bool& active = active_[static_cast<int>(rule)];
  const bool starts = condition && !active;
  active = condition;
  return starts;
}

std::vector<HealthWarning> HealthMonitor::observe(const StepStats& s) {
  std::vector<HealthWarning> out;
  ++seen_;
  const bool finite = !diverging(s);
  if (arm(HealthRule::Divergence, !finite)) {
    out.push_back(warn(s.iteration, HealthRule::Divergence,
                       format("D loss %g, G loss %g, gradient norms D %g, G %g", s.d_loss, s.g_loss,
                              s.d_grad_norm, s.g_grad_norm)));
  }
  if (!finite) return out;

  // Gradient spikes against the recent median, before this iteration joins the window.
  if (seen_ > t_.spike_warmup && !recent_.empty()) {
    std::vector<double> d;
    std::vector<double> g;
    const size_t from = recent_.size() > static_cast<size_t>(t_.spike_window)
                            ? recent_.size() - static_cast<size_t>(t_.spike_window)
                            : 0;
    for (size_t i = from; i < recent_.size(); ++i) {
      d.push_back(recent_[i].d_grad_norm);
      g.push_back(recent_[i].g_grad_norm);
    }
    const double d_median = median_of(d);
    const double g_median = median_of(g);
    const bool d_spike = s.d_grad_norm > std::max(t_.spike_floor, t_.spike_factor * d_median);
    const bool g_spike = s.g_grad_norm > std::max(t_.spike_floor, t_.spike_factor * g_median);
    if (arm(HealthRule::GradientSpike, d_spike || g_spike)) {
      out.push_back(warn(s.iteration, HealthRule::GradientSpike,
                         d_spike ? format("D's gradient norm %.3g, %.0fx its recent median %.3g",
                                          s.d_grad_norm, s.d_grad_norm / d_median, d_median)
                                 : format("G's gradient norm %.3g, %.0fx its recent median %.3g",
                                          s.g_grad_norm, s.g_grad_norm / g_median, g_median)));
    }
  }

  recent_.push_back(s);
  const size_t keep = static_cast<size_t>(std::max(t_.dominance_window, t_.spike_window));
  while (recent_.size() > keep) recent_.pop_front();
  g_loss_sum_since_quality_ += s.g_loss;
  ++g_loss_count_since_quality_;

  if (t_.dominance && recent_.size() >= static_cast<size_t>(t_.dominance_window)) {
    double fake = 0;
    double g_acc = 0;
    const size_t from = recent_.size() - static_cast<size_t>(t_.dominance_window);
    for (size_t i = from; i < recent_.size(); ++i) {
      fake += recent_[i].d_fake;
      g_acc += recent_[i].g_acc;
    }
    fake /= t_.dominance_window;
    g_acc /= t_.dominance_window;
    const bool dominant = fake < t_.dominance_fake && g_acc <= t_.dominance_g_acc;
    if (arm(HealthRule::DDominance, dominant)) {
      out.push_back(warn(s.iteration, HealthRule::DDominance,
                         format("over the last %.0f iterations D's mean output on fakes was "
                                "%.3f and G fooled D in %.1f%% of its tries",
                                t_.dominance_window, fake, 100 * g_acc)));
    }
  }
  return out;
}

std::vector<HealthWarning> HealthMonitor::observe_quality(const QualityScores& scores) {
  std::vector<HealthWarning> out;
  if (!std::isfinite(scores.fd)) return out;
  quality_fd_.push_back(scores.fd);
  quality_g_loss_.push_back(g_loss_count_since_quality_ > 0
                                ? g_loss_sum_since_quality_ / g_loss_count_since_quality_
                                : NAN);
  g_loss_sum_since_quality_ = 0;
  g_loss_count_since_quality_ = 0;

  // G fooling D with garbage: the distance keeps rising while G's loss falls.
  const size_t n = quality_fd_.size();
  const size_t k = static_cast<size_t>(t_.fools_measurements);
  bool fooling = false;
  if (n >= k) {
    bool rising = true;
    for (size_t i = n - k + 1; i < n; ++i) rising = rising && quality_fd_[i] > quality_fd_[i - 1];
    const double fd_rise = quality_fd_[n - 1] / quality_fd_[n - k] - 1;
    const double loss_before = quality_g_loss_[n - k + 1];
    const double loss_now = quality_g_loss_[n - 1];
    const double loss_fall = 1 - loss_now / loss_before;
    fooling = rising && fd_rise >= t_.fools_fd_rise && loss_fall >= t_.fools_loss_fall;
    if (arm(HealthRule::GFoolsD, fooling)) {
      out.push_back(warn(scores.iteration, HealthRule::GFoolsD,
                         format("the distance rose by %.0f%% over %.0f measurements while G's "
                                "loss fell by %.0f%%",
                                100 * fd_rise, static_cast<double>(k), 100 * loss_fall)));
    }
  }

  // Mode collapse: classes disappear after they had appeared.
  if (scores.labelled()) {
    const bool had_them = best_covered_ >= t_.collapse_reached * scores.classes;
    const bool lost =
        had_them && scores.classes_covered <= best_covered_ - t_.collapse_classes_lost;
    best_covered_ = std::max(best_covered_, scores.classes_covered);
    if (lost && arm(HealthRule::ModeCollapse, true)) {
      out.push_back(warn(scores.iteration, HealthRule::ModeCollapse,
                         format("%.0f of %.0f classes covered, down from %.0f",
                                scores.classes_covered, scores.classes, best_covered_)));
    }
    if (!lost && scores.classes_covered >= best_covered_) arm(HealthRule::ModeCollapse, false);
  }
  return out;
}

std::vector<HealthWarning> HealthMonitor::observe_grid(int64_t iteration, const ImageBatch& grid) {
  std::vector<HealthWarning> out;
  if (real_diversity_ <= 0 || grid.count < 2) return out;
  const double ratio = mean_pairwise_distance(grid) / real_diversity_;
  const bool collapsed =
      best_diversity_ >= t_.collapse_diversity_reached && ratio < t_.collapse_diversity;
  best_diversity_ = std::max(best_diversity_, ratio);
  if (collapsed && arm(HealthRule::ModeCollapse, true)) {
    out.push_back(warn(iteration, HealthRule::ModeCollapse,
                       format("the grid's samples are %.0f%% as varied as real digits (they "
                              "were %.0f%%)",
                              100 * ratio, 100 * best_diversity_)));
  }
  if (!collapsed && ratio >= t_.collapse_diversity_reached) arm(HealthRule::ModeCollapse, false);
  return out;
}

}  // namespace gs
