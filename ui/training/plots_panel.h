// Live charts (QCustomPlot) sharing the iteration axis: loss and accuracy, each series drawn raw
// (faint) and smoothed (bold) with TensorBoard's debiased moving average (a slider sets the
// weight), the augmentation's strength on the accuracy chart (dashed, when the run augments), and
// the quality meter's measurements (distance, classes covered, confidence) and, on a tab beside
// them, D's outputs on real images and fakes (score_bands.h). Live changes and health warnings are
// marked on all of them. Points arrive in batches; the charts replot
// at most ~30 times a second.
#pragma once

#include <QMap>
#include <QPair>
#include <QVector>
#include <QWidget>
#include <memory>

#include "ui/training/run_curves.h"
#include "ui/training/smoothing.h"
#include "ui/training/training_types.h"

class QCheckBox;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QSlider;
class QTabWidget;
class QTimer;

namespace ui {

class ChartMarkers;
class ScoreBands;

// Another run's curves, overlaid for comparison (the runs panel's ticks).
struct RunOverlay {
  QString name;
  QVector<double> iterations;
  QVector<double> minutes;            // training time at each iteration (for aligning by time)
  QVector<double> values[4];          // D loss, G loss, D accuracy, G accuracy (raw; smoothed here)
  QVector<double> qualityIterations;  // the quality meter's distance (FD), where measured
  QVector<double> qualityFd;
};

class PlotsPanel : public QWidget {
  Q_OBJECT

 public:
  // Where each chart shown lays out its parts, in the chart's own coordinates (after a replot):
  // for checking the layout at a window size without QCustomPlot's headers.
  struct ChartGeometry {
    QRect chart;
    QRect axes;    // the plotting area
    QRect legend;  // empty when hidden
  };
  QVector<ChartGeometry> chartGeometry() const;
  explicit PlotsPanel(QWidget* parent = nullptr);
  ~PlotsPanel() override;

  void appendMetrics(const QVector<MetricPoint>& points);
  void addLiveChange(const LiveChange& change);
  void appendQuality(const QualityPoint& point);
  // D's outputs measured with a grid: a point of each band on the "D's outputs" tab.
  void appendScores(const ScorePoint& point);
  int scorePointCount() const;
  void addHealthMarker(const HealthNotice& notice);
  // A cursor at this iteration on every chart (the history scrubber's); -1 hides it.
  void setCursorAt(qint64 iteration);
  // Other runs' smoothed curves over the loss and accuracy charts (and their distance over the
  // quality chart), one colour per run, named in the legends; the live run stays as it is. An
  // empty list removes them.
  void setOverlays(const QVector<RunOverlay>& overlays);
  // The charts' horizontal axis: iterations (the default) or training time in minutes, for
  // comparing runs that go at different speeds. Markers and the cursor follow.
  void setAlignByTime(bool byTime);
  bool alignByTime() const { return byTime_; }
  int overlayCount() const { return overlays_.size(); }
  // The quality measurements a compared run shows on the quality chart.
  int overlayQualityCount(int overlay) const;
  // Where a compared run's curves end on the horizontal axis (-1: no such run), for tests.
  double overlayEnd(int overlay) const;
  qint64 cursorAt() const { return cursorIteration_; }
  void clear();

  int pointCount() const { return static_cast<int>(curves_.iterations().size()); }
  int qualityPointCount() const;
  double smoothing() const;
  void setSmoothing(double weight);
  bool followLatest() const;
  void setFollowLatest(bool follow);

  // What the read-out line says for the live point nearest `x` on the horizontal axis (an
  // iteration, or minutes when aligned by time): hover.
  QString readoutAt(double x) const;
  // The read-out line under the charts as it reads now.
  QString readout() const;

  // For tests and the frame-rate check.
  QCustomPlot* lossPlot() const { return lossPlot_; }
  QCustomPlot* accuracyPlot() const { return accuracyPlot_; }
  QCustomPlot* qualityPlot() const { return qualityPlot_; }
  QCustomPlot* scoresPlot() const { return scoresPlot_; }
  // The tabs of the third row: the quality chart and D's outputs.
  QTabWidget* lowerTabs() const { return lowerTabs_; }
  int replotCount() const { return replotCount_; }
  // Whether a coalesced replot is due (new points arrived since the last one).
  bool replotPending() const;
  int markerCount() const { return markers_; }
  int healthMarkerCount() const { return healthMarkers_; }
  const SmoothedSeries& series(int index) const { return curves_.series(index); }
  // The augmentation's strength as drawn (one value a point), for tests.
  const QVector<double>& augmentStrength() const { return curves_.augment(); }
  // How many marker labels are visible on a chart (after the last layout), for tests.
  int visibleMarkerLabels(QCustomPlot* plot) const;

  static constexpr int kDLoss = RunCurves::kDLoss;
  static constexpr int kGLoss = RunCurves::kGLoss;
  static constexpr int kDAcc = RunCurves::kDAcc;
  static constexpr int kGAcc = RunCurves::kGAcc;

 Q_SIGNALS:
  void smoothingChanged(double weight);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void showReadoutHint();
  void changeEvent(QEvent* event) override;

 private:
  static constexpr double kLeftEdge = -1;  // the charts never pan further left than this

  void setUpPlot(QCustomPlot* plot, const QString& yLabel);
  // Chart colours from the palette (light or dark), again when the palette changes.
  void applyPalette();
  // Where an iteration of the live run lies on the horizontal axis (itself, or its time).
  double xOf(qint64 iteration) const;
  // The live run's points on the horizontal axis.
  const QVector<double>& liveX() const { return curves_.xs(byTime_); }
  // Puts every graph, marker and the cursor on the axis again (after the mode changes).
  void rebuildGraphs();
  // No live curves yet: the view fits the compared runs, or the first iterations.
  void fitEmptyView();
  QList<QCustomPlot*> plots() const {
    return {lossPlot_, accuracyPlot_, qualityPlot_, scoresPlot_};
  }
  void refreshSmoothedGraphs();
  // The strength's entry in the accuracy chart's legend: there while the run augments.
  void showAugmentInLegend();
  void drawQuality(const QualityPoint& point);
  void scheduleReplot();
  void replotNow();
  void showReadout(QCustomPlot* plot, double pixelX);

  QCustomPlot* lossPlot_;
  QCustomPlot* accuracyPlot_;
  QCustomPlot* qualityPlot_;
  QCustomPlot* scoresPlot_;
  QTabWidget* lowerTabs_;
  std::unique_ptr<ScoreBands> scoreBands_;
  QVector<ScorePoint> scorePoints_;  // drawn again when the horizontal axis changes
  QCPGraph* fdGraph_ = nullptr;
  QCPGraph* coverageGraph_ = nullptr;
  QCPGraph* confidenceGraph_ = nullptr;
  double fdHigh_ = 0;
  // The compared runs' lowest and highest loss (the loss axis keeps them in view).
  double overlayLossLow_ = 0;
  double overlayLossHigh_ = 0;
  QSlider* smoothingSlider_;
  QLabel* smoothingValue_;
  QCheckBox* followBox_;
  QLabel* readout_;
  QTimer* replotTimer_;

  RunCurves curves_;  // the live run's points
  bool byTime_ = false;
  QCPGraph* augmentGraph_ = nullptr;
  QCPGraph* rawGraphs_[4] = {};
  QCPGraph* smoothGraphs_[4] = {};
  int replotCount_ = 0;
  std::unique_ptr<ChartMarkers> marks_;
  // The live changes marked, by the iteration they took effect at, with their mark's index.
  QMap<qint64, QPair<LiveChange, int>> liveChanges_;
  int markers_ = 0;
  int healthMarkers_ = 0;
  qint64 cursorIteration_ = -1;
  QVector<RunOverlay> overlays_;
  QList<QCPGraph*> overlayGraphs_;       // four per overlay, then one distance per overlay
  QList<QCPItemStraightLine*> cursors_;  // one per chart
};

}  // namespace ui
