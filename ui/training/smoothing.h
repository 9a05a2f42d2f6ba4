// A growing series and its smoothed copy for the charts, with TensorBoard's debiased moving average
// (gs::DebiasedEma, model/core/smoothing.h: the one implementation of the formula). Appending is
// O(1) per point; changing the weight recomputes the whole series once.
#pragma once

#include <QVector>

#include "model/core/smoothing.h"

namespace ui {

class SmoothedSeries {
 public:
  explicit SmoothedSeries(double weight = 0.95) : ema_(weight) {}

  void append(const QVector<double>& values);
  void setWeight(double weight);  // recomputes every smoothed value
  void clear();

  double weight() const { return ema_.weight(); }
  const QVector<double>& raw() const { return raw_; }
  const QVector<double>& smoothed() const { return smoothed_; }

 private:
  gs::DebiasedEma ema_;
  QVector<double> raw_;
  QVector<double> smoothed_;
};

// The whole formula on a finished series (tests, exports).
QVector<double> smoothTensorBoard(const QVector<double>& values, double weight);

}  // namespace ui
