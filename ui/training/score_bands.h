// D's outputs over time on a chart: for the real images and for the fakes, a light band from the
// 5% to the 95% quantile, a darker one from 25% to 75%, and the median as a line, one point a
// measurement. Apart and steady: D tells them apart without winning outright; pinned at 1 and 0:
// D dominates; both at 0.5: D learns nothing.
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QVector>

#include "ui/training/training_types.h"

class QCPGraph;
class QCustomPlot;

namespace ui {

class ScoreBands {
  Q_DECLARE_TR_FUNCTIONS(ui::ScoreBands)

 public:
  // Adds its graphs to `plot` (named in its legend).
  explicit ScoreBands(QCustomPlot* plot);

  void add(double x, const ScorePoint& point);
  void clear();
  int count() const;
  // Colours for a light or a dark chart.
  void setColours(const QColor& real, const QColor& fake, const QColor& background);

 private:
  struct Side {
    QCPGraph* low = nullptr;  // 5%, filled up to high
    QCPGraph* high = nullptr;
    QCPGraph* q1 = nullptr;  // 25%, filled up to q3
    QCPGraph* q3 = nullptr;
    QCPGraph* median = nullptr;
  };
  static Side makeSide(QCustomPlot* plot, const QString& name);
  static void colour(Side& side, const QColor& color, const QColor& background);
  static void add(Side& side, double x, const double (&quantiles)[5]);

  QCustomPlot* plot_;
  Side real_;
  Side fake_;
  double low_ = 0;  // the values' range so far (the axis shows 0..1 for probabilities)
  double high_ = 1;
};

}  // namespace ui
