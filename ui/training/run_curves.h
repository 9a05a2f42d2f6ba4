// The live run's points as the charts draw them, kept apart from the widgets that draw them:
// iterations, training time, the four series smoothed with TensorBoard's moving average, the
// losses' range and the quality meter's measurements.
#pragma once

#include <QVector>
#include <limits>

#include "ui/training/smoothing.h"
#include "ui/training/training_types.h"

namespace ui {

class RunCurves {
 public:
  static constexpr int kDLoss = 0;
  static constexpr int kGLoss = 1;
  static constexpr int kDAcc = 2;
  static constexpr int kGAcc = 3;

  // Appends a batch; returns the index of its first point.
  int append(const QVector<MetricPoint>& points);
  void appendQuality(const QualityPoint& point) { quality_.append(point); }
  void clear();
  void setWeight(double weight);

  const QVector<double>& iterations() const { return iterations_; }
  const QVector<double>& minutes() const { return minutes_; }
  // The horizontal positions of the points: their iterations, or their training time.
  const QVector<double>& xs(bool byTime) const { return byTime ? minutes_ : iterations_; }
  const SmoothedSeries& series(int index) const { return series_[index]; }
  const QVector<QualityPoint>& quality() const { return quality_; }
  // The augmentation's strength at each point, and whether any was above 0.
  const QVector<double>& augment() const { return augment_; }
  bool augmented() const { return augmented_; }
  // The raw losses' range (low > high while there are none).
  double lossLow() const { return lossLow_; }
  double lossHigh() const { return lossHigh_; }

 private:
  QVector<double> iterations_;
  QVector<double> minutes_;
  double lastSeconds_ = 0;
  SmoothedSeries series_[4];
  QVector<double> augment_;
  bool augmented_ = false;
  QVector<QualityPoint> quality_;
  double lossLow_ = std::numeric_limits<double>::infinity();
  double lossHigh_ = -std::numeric_limits<double>::infinity();
};

// The position of `iteration` among a run's points (`iterations` sorted, `xs` beside them).
double positionOf(double iteration, const QVector<double>& iterations, const QVector<double>& xs);

}  // namespace ui
