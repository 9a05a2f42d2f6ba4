// TensorBoard's debiased exponential moving average over a growing series:
//   last = 0; n = 0; for each finite y: last = w*last + (1-w)*y; n += 1; smoothed = last / (1 -
//   w^n)
// Non-finite points pass through unchanged; a constant series stays constant. Appending is O(1) per
// point; changing the weight recomputes the whole series once.
#pragma once

#include <QVector>

namespace ui {

class SmoothedSeries {
 public:
  explicit SmoothedSeries(double weight = 0.95) : weight_(weight) {}

  // Appends raw values and returns how many smoothed values were appended (the same number).
  void append(const QVector<double>& values);
  void setWeight(double weight);  // recomputes every smoothed value
  void clear();

  double weight() const { return weight_; }
  const QVector<double>& raw() const { return raw_; }
  const QVector<double>& smoothed() const { return smoothed_; }

 private:
  double next(double value);

  double weight_;
  double last_ = 0;
  double debias_ = 1;  // w^n
  QVector<double> raw_;
  QVector<double> smoothed_;
};

// The whole formula on a finished series (tests, exports).
QVector<double> smoothTensorBoard(const QVector<double>& values, double weight);

}  // namespace ui
