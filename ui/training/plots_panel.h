// Live charts (QCustomPlot) sharing the iteration axis: loss and accuracy, each series drawn raw
// (faint) and smoothed (bold) with TensorBoard's debiased moving average (a slider sets the
// weight), and the quality meter's measurements (distance, classes covered, confidence). Live
// changes and health warnings are marked on all three. Points arrive in batches; the charts replot
// at most ~30 times a second.
#pragma once

#include <QVector>
#include <QWidget>
#include <limits>

#include "ui/training/smoothing.h"
#include "ui/training/training_types.h"

class QCheckBox;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QSlider;
class QTimer;

namespace ui {

// Another run's curves, overlaid for comparison (the runs panel's ticks).
struct RunOverlay {
  QString name;
  QVector<double> iterations;
  QVector<double> values[4];  // D loss, G loss, D accuracy, G accuracy (raw; smoothed here)
};

class PlotsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PlotsPanel(QWidget* parent = nullptr);

  void appendMetrics(const QVector<MetricPoint>& points);
  void addLiveChange(const LiveChange& change);
  void appendQuality(const QualityPoint& point);
  void addHealthMarker(const HealthNotice& notice);
  // A cursor at this iteration on every chart (the history scrubber's); -1 hides it.
  void setCursorAt(qint64 iteration);
  // Other runs' smoothed curves over the loss and accuracy charts, one colour per run, named in
  // the legends; the live run stays as it is. An empty list removes them.
  void setOverlays(const QVector<RunOverlay>& overlays);
  int overlayCount() const { return overlays_.size(); }
  qint64 cursorAt() const { return cursorIteration_; }
  void clear();

  int pointCount() const { return keys_.size(); }
  int qualityPointCount() const;
  double smoothing() const;
  void setSmoothing(double weight);
  bool followLatest() const;
  void setFollowLatest(bool follow);

  // What the read-out line says for the point nearest `iteration` (hover).
  QString readoutAt(double iteration) const;

  // For tests and the frame-rate check.
  QCustomPlot* lossPlot() const { return lossPlot_; }
  QCustomPlot* accuracyPlot() const { return accuracyPlot_; }
  QCustomPlot* qualityPlot() const { return qualityPlot_; }
  int replotCount() const { return replotCount_; }
  int markerCount() const { return markers_; }
  int healthMarkerCount() const { return healthMarkers_; }
  const SmoothedSeries& series(int index) const { return series_[index]; }
  // How many marker labels are visible on a chart (after the last layout), for tests.
  int visibleMarkerLabels(QCustomPlot* plot) const;

  static constexpr int kDLoss = 0;
  static constexpr int kGLoss = 1;
  static constexpr int kDAcc = 2;
  static constexpr int kGAcc = 3;

 Q_SIGNALS:
  void smoothingChanged(double weight);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void setUpPlot(QCustomPlot* plot, const QString& yLabel);
  // Chart colours from the palette (light or dark), again when the palette changes.
  void applyPalette();
  void addMarker(qint64 iteration, const QString& label, const QColor& color);
  // Puts marker labels in rows so that none overlaps another or the legend; a label with no room
  // is hidden (hovering near its line shows it in the read-out).
  void layOutMarkerLabels();
  QString markersNear(QCustomPlot* plot, double pixelX) const;
  QList<QCustomPlot*> plots() const { return {lossPlot_, accuracyPlot_, qualityPlot_}; }
  void refreshSmoothedGraphs();
  void scheduleReplot();
  void replotNow();
  void showReadout(QCustomPlot* plot, double pixelX);

  QCustomPlot* lossPlot_;
  QCustomPlot* accuracyPlot_;
  QCustomPlot* qualityPlot_;
  QCPGraph* fdGraph_ = nullptr;
  QCPGraph* coverageGraph_ = nullptr;
  QCPGraph* confidenceGraph_ = nullptr;
  double fdHigh_ = 0;
  QSlider* smoothingSlider_;
  QLabel* smoothingValue_;
  QCheckBox* followBox_;
  QLabel* readout_;
  QTimer* replotTimer_;

  QVector<double> keys_;
  SmoothedSeries series_[4];
  QCPGraph* rawGraphs_[4] = {};
  QCPGraph* smoothGraphs_[4] = {};
  int replotCount_ = 0;
  double lossLow_ = std::numeric_limits<double>::infinity();  // range of the raw losses
  double lossHigh_ = -std::numeric_limits<double>::infinity();
  struct Marker {
    qint64 iteration = 0;
    QString label;
    QList<QCPItemText*> texts;  // one per chart
  };
  QList<Marker> markerItems_;
  int markers_ = 0;
  int healthMarkers_ = 0;
  qint64 cursorIteration_ = -1;
  QVector<RunOverlay> overlays_;
  QList<QCPGraph*> overlayGraphs_;       // four per overlay
  QList<QCPItemStraightLine*> cursors_;  // one per chart
};

}  // namespace ui
