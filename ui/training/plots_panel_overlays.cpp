// PlotsPanel's compared runs and its horizontal axis (iterations or training time): other runs'
// curves over the live run's, one colour each, and every graph, mark and cursor placed again
// when the axis changes meaning.
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "ui/training/chart_markers.h"
#include "ui/training/plots_panel.h"
#include "ui/training/score_bands.h"

namespace ui {

namespace {

// An overlay's horizontal positions: its iterations, or its training time.
const QVector<double>& overlayX(const RunOverlay& overlay, bool byTime) {
  return byTime && overlay.minutes.size() == overlay.iterations.size() ? overlay.minutes
                                                                       : overlay.iterations;
}

}  // namespace

void PlotsPanel::refreshSmoothedGraphs() {
  for (int i = 0; i < 4; ++i)
    smoothGraphs_[i]->setData(liveX(), curves_.series(i).smoothed(), true);
  for (int o = 0; o < overlays_.size(); ++o) {
    const RunOverlay& overlay = overlays_[o];
    const QVector<double>& xs = overlayX(overlay, byTime_);
    for (int i = 0; i < 4 && o * 4 + i < overlayGraphs_.size(); ++i) {
      overlayGraphs_[o * 4 + i]->setData(xs, smoothTensorBoard(overlay.values[i], smoothing()),
                                         true);
    }
    const int fd = static_cast<int>(overlays_.size()) * 4 + o;
    if (fd >= overlayGraphs_.size()) continue;
    QVector<double> at;
    for (double iteration : overlay.qualityIterations)
      at.append(positionOf(iteration, overlay.iterations, xs));
    overlayGraphs_[fd]->setData(at, overlay.qualityFd, true);
  }
}

int PlotsPanel::overlayQualityCount(int overlay) const {
  const int graph = static_cast<int>(overlays_.size()) * 4 + overlay;
  if (overlay < 0 || overlay >= overlays_.size() || graph >= overlayGraphs_.size()) return 0;
  return overlayGraphs_[graph]->dataCount();
}

double PlotsPanel::overlayEnd(int overlay) const {
  if (overlay < 0 || overlay >= overlays_.size()) return -1;
  const QVector<double>& xs = overlayX(overlays_[overlay], byTime_);
  return xs.isEmpty() ? -1 : xs.back();
}

double PlotsPanel::xOf(qint64 iteration) const {
  return byTime_
             ? positionOf(static_cast<double>(iteration), curves_.iterations(), curves_.minutes())
             : static_cast<double>(iteration);
}

void PlotsPanel::setAlignByTime(bool byTime) {
  if (byTime == byTime_) return;
  byTime_ = byTime;
  rebuildGraphs();
}

void PlotsPanel::rebuildGraphs() {
  for (int i = 0; i < 4; ++i) rawGraphs_[i]->setData(liveX(), curves_.series(i).raw(), true);
  augmentGraph_->setData(liveX(), curves_.augment(), true);
  for (QCPGraph* graph : {fdGraph_, coverageGraph_, confidenceGraph_}) graph->data()->clear();
  for (const QualityPoint& point : curves_.quality()) drawQuality(point);
  scoreBands_->clear();
  for (const ScorePoint& point : scorePoints_) scoreBands_->add(xOf(point.iteration), point);
  refreshSmoothedGraphs();
  marks_->reposition();
  setCursorAt(cursorIteration_);
  for (QCustomPlot* plot : {qualityPlot_, scoresPlot_})
    plot->xAxis->setLabel(byTime_ ? tr("training time (minutes)") : tr("iteration"));
  // Fit everything: the axis means something else now.
  double last = 1;
  for (const RunOverlay& overlay : overlays_) {
    const QVector<double>& xs = overlayX(overlay, byTime_);
    if (!xs.isEmpty()) last = std::max(last, xs.back());
  }
  if (!liveX().isEmpty()) last = std::max(last, liveX().back());
  lossPlot_->xAxis->setRange(byTime_ ? 0 : kLeftEdge, last * 1.02);
  scheduleReplot();
}

void PlotsPanel::setOverlays(const QVector<RunOverlay>& overlays) {
  for (QCPGraph* graph : overlayGraphs_) graph->parentPlot()->removeGraph(graph);
  overlayGraphs_.clear();
  overlays_ = overlays;
  fdHigh_ = 0;  // the distance axis fits the live run's and the compared runs' measurements
  for (const QualityPoint& point : curves_.quality())
    if (std::isfinite(point.fd)) fdHigh_ = std::max(fdHigh_, point.fd);
  // Colours that are neither the live run's blue and orange nor the quality chart's.
  static const QColor colours[] = {
      QColor(44, 160, 44),   QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
      QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),  QColor(23, 190, 207)};
  const QString names[4] = {tr("D loss"), tr("G loss"), tr("D accuracy"), tr("G accuracy")};
  for (int o = 0; o < overlays_.size(); ++o) {
    const QColor colour = colours[o % 8];
    for (int i = 0; i < 4; ++i) {
      QCustomPlot* plot = i < 2 ? lossPlot_ : accuracyPlot_;
      QCPGraph* graph = plot->addGraph();
      // D solid, G dashed: the run is the colour.
      graph->setPen(QPen(colour, 1.5, i % 2 == 0 ? Qt::SolidLine : Qt::DashLine));
      graph->setName(tr("%1: %2").arg(overlays_[o].name, names[i]));
      overlayGraphs_.append(graph);
    }
  }
  for (int o = 0; o < overlays_.size(); ++o) {  // their distance on the quality chart
    QCPGraph* graph = qualityPlot_->addGraph(qualityPlot_->xAxis, qualityPlot_->yAxis);
    graph->setPen(QPen(colours[o % 8], 1.5));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    graph->setName(tr("%1: %2").arg(overlays_[o].name, tr("distance (FD)")));
    if (overlays_[o].qualityFd.isEmpty()) graph->removeFromLegend();
    for (double fd : overlays_[o].qualityFd)
      if (std::isfinite(fd)) fdHigh_ = std::max(fdHigh_, fd);
    overlayGraphs_.append(graph);
  }
  qualityPlot_->yAxis->setRange(0, fdHigh_ > 0 ? fdHigh_ * 1.08 : 1);
  overlayLossLow_ = 0;
  overlayLossHigh_ = 0;
  for (const RunOverlay& overlay : overlays_) {
    for (int i = 0; i < 2; ++i) {
      for (double v : overlay.values[i]) {
        if (!std::isfinite(v)) continue;
        overlayLossLow_ = std::min(overlayLossLow_, v);
        overlayLossHigh_ = std::max(overlayLossHigh_, v);
      }
    }
  }
  refreshSmoothedGraphs();
  if (curves_.iterations().isEmpty()) fitEmptyView();
  scheduleReplot();
}

void PlotsPanel::fitEmptyView() {
  double last = byTime_ ? 0.1 : 10;
  for (const RunOverlay& overlay : overlays_) {
    const QVector<double>& xs = overlayX(overlay, byTime_);
    if (!xs.isEmpty()) last = std::max(last, xs.back());
  }
  lossPlot_->xAxis->setRange(byTime_ ? 0 : kLeftEdge, byTime_ ? last * 1.02 : last + 1);
  lossPlot_->yAxis->setRange(overlayLossLow_, std::max(1.0, overlayLossHigh_) * 1.05);
}

}  // namespace ui
