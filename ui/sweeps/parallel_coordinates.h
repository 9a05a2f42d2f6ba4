// A sweep's parallel-coordinates chart: one vertical axis per swept setting and a last one for the
// quality meter's distance (lower is better), one line per trial through its values, coloured by
// its distance (the best green, the worst red, grey before it has one). Dragging along an axis
// brushes a range: trials outside it fade and are left out of visibleTrials(); a click on a brushed
// axis clears it. Clicking a line selects its trial, double-clicking opens it.
#pragma once

#include <QVector>
#include <QWidget>
#include <optional>

#include "ui/sweeps/sweep_data.h"

namespace ui {

class ParallelCoordinates : public QWidget {
  Q_OBJECT

 public:
  explicit ParallelCoordinates(QWidget* parent = nullptr);

  void setSweep(const SweepData& sweep);
  // The axes: the swept settings, then the distance.
  int axisCount() const;
  // A brush on axis `axis` between two fractions of its height (0 at the bottom, 1 at the top).
  void setBrush(int axis, double from, double to);
  void clearBrushes();
  bool hasBrush(int axis) const;
  // The trials (by index in the sweep) that pass every brush.
  QVector<int> visibleTrials() const;
  void setSelectedTrial(int index);  // -1: none
  int selectedTrial() const { return selected_; }
  // Where trial `trial` crosses axis `axis` (widget coordinates; for tests and tooltips), and
  // where an axis runs.
  QPointF pointOf(int trial, int axis) const;
  double axisX(int axis) const;
  double axisTop() const;
  double axisBottom() const;
  // The trial whose line passes within a few pixels of `position`, or -1.
  int trialAt(const QPointF& position) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  void trialClicked(int index);
  void trialActivated(int index);  // double-click
  void brushesChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  bool event(QEvent* event) override;  // tooltips

 private:
  struct Brush {
    double from = 0;  // fractions of the axis, from <= to
    double to = 1;
  };
  struct Scale {
    double low = 0;
    double high = 1;
    bool log = false;
    QStringList categories;
  };
  double fractionOf(int trial, int axis) const;  // NaN when the trial has no value there
  int axisNear(double x) const;
  double fractionAtY(double y) const;
  QString axisTitle(int axis) const;
  QString tickText(int axis, double fraction) const;
  QColor colourOf(int trial) const;
  bool passes(int trial) const;

  SweepData sweep_;
  QVector<Scale> scales_;  // one per axis (the distance's last)
  QVector<std::optional<Brush>> brushes_;
  int selected_ = -1;
  int dragAxis_ = -1;
  double dragStart_ = 0;
  double dragNow_ = 0;
  bool dragged_ = false;
};

}  // namespace ui
