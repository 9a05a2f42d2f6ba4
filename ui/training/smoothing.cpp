#include "ui/training/smoothing.h"

#include <cmath>

namespace ui {

double SmoothedSeries::next(double value) {
  if (!std::isfinite(value)) return value;
  last_ = weight_ * last_ + (1 - weight_) * value;
  debias_ *= weight_;
  return last_ / (1 - debias_);
}

void SmoothedSeries::append(const QVector<double>& values) {
  raw_.reserve(raw_.size() + values.size());
  smoothed_.reserve(smoothed_.size() + values.size());
  for (double value : values) {
    raw_.append(value);
    smoothed_.append(next(value));
  }
}

void SmoothedSeries::setWeight(double weight) {
  weight_ = weight;
  last_ = 0;
  debias_ = 1;
  for (int i = 0; i < raw_.size(); ++i) smoothed_[i] = next(raw_[i]);
}

void SmoothedSeries::clear() {
  raw_.clear();
  smoothed_.clear();
  last_ = 0;
  debias_ = 1;
}

QVector<double> smoothTensorBoard(const QVector<double>& values, double weight) {
  QVector<double> out;
  out.reserve(values.size());
  double last = 0;
  int n = 0;
  for (double y : values) {
    if (!std::isfinite(y)) {
      out.append(y);
      continue;
    }
    last = weight * last + (1 - weight) * y;
    ++n;
    out.append(last / (1 - std::pow(weight, n)));
  }
  return out;
}

}  // namespace ui
