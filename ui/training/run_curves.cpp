#include "ui/training/run_curves.h"

#include <algorithm>
#include <cmath>

namespace ui {

int RunCurves::append(const QVector<MetricPoint>& points) {
  const int first = iterations_.size();
  QVector<double> values[4];
  for (auto& v : values) v.reserve(points.size());
  for (const MetricPoint& p : points) {
    iterations_.append(static_cast<double>(p.iteration));
    lastSeconds_ = p.seconds >= 0 ? p.seconds : lastSeconds_ + p.step_ms / 1000.0;
    minutes_.append(lastSeconds_ / 60.0);
    values[kDLoss].append(p.d_loss);
    values[kGLoss].append(p.g_loss);
    values[kDAcc].append(p.d_acc);
    values[kGAcc].append(p.g_acc);
    augment_.append(p.augment);
    augmented_ = augmented_ || p.augment > 0;
  }
  for (int s : {kDLoss, kGLoss}) {
    for (double v : values[s]) {
      if (!std::isfinite(v)) continue;
      lossLow_ = std::min(lossLow_, v);
      lossHigh_ = std::max(lossHigh_, v);
    }
  }
  for (int i = 0; i < 4; ++i) series_[i].append(values[i]);
  return first;
}

void RunCurves::clear() {
  iterations_.clear();
  minutes_.clear();
  lastSeconds_ = 0;
  quality_.clear();
  augment_.clear();
  augmented_ = false;
  lossLow_ = std::numeric_limits<double>::infinity();
  lossHigh_ = -std::numeric_limits<double>::infinity();
  for (auto& series : series_) series.clear();
}

void RunCurves::setWeight(double weight) {
  for (auto& series : series_) series.setWeight(weight);
}

double positionOf(double iteration, const QVector<double>& iterations, const QVector<double>& xs) {
  if (iterations.isEmpty() || xs.size() != iterations.size()) return iteration;
  const auto it = std::lower_bound(iterations.begin(), iterations.end(), iteration);
  return xs[std::min(static_cast<int>(it - iterations.begin()), static_cast<int>(xs.size()) - 1)];
}

}  // namespace ui
