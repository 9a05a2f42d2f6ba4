#include "ui/training/smoothing.h"

namespace ui {

void SmoothedSeries::append(const QVector<double>& values) {
  raw_.reserve(raw_.size() + values.size());
  smoothed_.reserve(smoothed_.size() + values.size());
  for (double value : values) {
    raw_.append(value);
    smoothed_.append(ema_.add(value));
  }
}

void SmoothedSeries::setWeight(double weight) {
  ema_.reset(weight);
  for (int i = 0; i < raw_.size(); ++i) smoothed_[i] = ema_.add(raw_[i]);
}

void SmoothedSeries::clear() {
  raw_.clear();
  smoothed_.clear();
  ema_.reset();
}

QVector<double> smoothTensorBoard(const QVector<double>& values, double weight) {
  SmoothedSeries series(weight);
  series.append(values);
  return series.smoothed();
}

}  // namespace ui
