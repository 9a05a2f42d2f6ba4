#include "ui/training/plots_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {

constexpr double kLeftEdge = -1;           // the charts never pan further left than this
constexpr int kReplotIntervalMs = 33;      // at most ~30 frames per second
constexpr int kSlowestReplotMs = 500;      // and at least 2 while data comes
constexpr double kReplotCpuShare = 0.015;  // drawing may take 1.5% of a core: training has the rest
const QColor kDColor(31, 119, 180);        // discriminator: blue
const QColor kGColor(255, 127, 14);        // generator: orange
const QColor kFdColor(148, 103, 189);      // quality: the distance, purple
const QColor kCoverageColor(44, 160, 44);  // classes covered, green
const QColor kConfidenceColor(140, 86, 75);
const QColor kLiveChangeColor(120, 120, 120);
const QColor kHealthColor(214, 39, 40);

// The raw series' colour: the bold colour blended over the chart's background, drawn opaque
// (cheaper to rasterize than a translucent pen, and it looks the same).
QColor faint(const QColor& color, const QColor& background) {
  const double keep = 0.3;
  auto mix = [keep](int c, int b) { return static_cast<int>(keep * c + (1 - keep) * b); };
  return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()),
                mix(color.blue(), background.blue()));
}

bool isDark(const QPalette& palette) { return palette.color(QPalette::Base).lightness() < 128; }

// A series colour that reads on the background: lighter on a dark chart.
QColor onBackground(const QColor& color, const QPalette& palette) {
  return isDark(palette) ? color.lighter(130) : color;
}

}  // namespace

PlotsPanel::PlotsPanel(QWidget* parent)
    : QWidget(parent),
      lossPlot_(new QCustomPlot(this)),
      accuracyPlot_(new QCustomPlot(this)),
      qualityPlot_(new QCustomPlot(this)),
      smoothingSlider_(new QSlider(Qt::Horizontal, this)),
      smoothingValue_(new QLabel(this)),
      followBox_(new QCheckBox(tr("Follow latest"), this)),
      readout_(new QLabel(this)),
      replotTimer_(new QTimer(this)) {
  setUpPlot(lossPlot_, tr("loss"));
  setUpPlot(accuracyPlot_, tr("accuracy"));
  accuracyPlot_->yAxis->setRange(-0.02, 1.02);
  setUpPlot(qualityPlot_, tr("distance (FD)"));
  qualityPlot_->xAxis->setLabel(tr("iteration"));
  qualityPlot_->yAxis2->setVisible(true);
  qualityPlot_->yAxis2->setLabel(tr("share"));
  qualityPlot_->yAxis2->setRange(-0.02, 1.02);
  qualityPlot_->yAxis->setRange(0, 1);
  auto qualityGraph = [this](QCPAxis* y, const QColor& color, const QString& name) {
    QCPGraph* graph = qualityPlot_->addGraph(qualityPlot_->xAxis, y);
    graph->setPen(QPen(color, 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    graph->setName(name);
    return graph;
  };
  fdGraph_ = qualityGraph(qualityPlot_->yAxis, kFdColor, tr("distance (FD)"));
  coverageGraph_ = qualityGraph(qualityPlot_->yAxis2, kCoverageColor, tr("classes covered"));
  confidenceGraph_ = qualityGraph(qualityPlot_->yAxis2, kConfidenceColor, tr("confidence"));

  const QString names[4] = {tr("D loss"), tr("G loss"), tr("D accuracy"), tr("G accuracy")};
  for (int i = 0; i < 4; ++i) {
    QCustomPlot* plot = i < 2 ? lossPlot_ : accuracyPlot_;
    rawGraphs_[i] = plot->addGraph();
    rawGraphs_[i]->setAntialiased(false);  // thousands of faint segments: plain lines draw faster
    rawGraphs_[i]->setName(tr("%1 (raw)").arg(names[i]));
    rawGraphs_[i]->removeFromLegend();
    smoothGraphs_[i] = plot->addGraph();
    smoothGraphs_[i]->setName(names[i]);
    series_[i].setWeight(0.95);
  }
  applyPalette();
  // Dragging or zooming moves the markers: their labels find new rows.
  connect(lossPlot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
    if (!markerItems_.isEmpty()) layOutMarkerLabels();
  });
  // Nothing happens before iteration 1: panning stops at the left edge.
  connect(lossPlot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this](const QCPRange& range) {
            if (range.lower < kLeftEdge)
              lossPlot_->xAxis->setRange(kLeftEdge, kLeftEdge + range.size());
          });
  // The charts share the iteration axis.
  for (QCustomPlot* from : plots()) {
    for (QCustomPlot* to : plots()) {
      if (from == to) continue;
      connect(from->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), to->xAxis,
              qOverload<const QCPRange&>(&QCPAxis::setRange));
    }
  }

  smoothingSlider_->setRange(0, 999);
  smoothingSlider_->setValue(950);
  smoothingSlider_->setToolTip(
      tr("Smoothing weight w of TensorBoard's debiased moving average (0: raw, 0.999: very "
         "smooth). The seed recommends 0.95 to 0.98."));
  smoothingValue_->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("0.999")));
  connect(smoothingSlider_, &QSlider::valueChanged, this, [this](int value) {
    const double weight = value / 1000.0;
    smoothingValue_->setText(QString::number(weight, 'f', 3));
    for (auto& series : series_) series.setWeight(weight);
    refreshSmoothedGraphs();
    scheduleReplot();
    Q_EMIT smoothingChanged(weight);
  });
  smoothingValue_->setText(QStringLiteral("0.950"));

  followBox_->setChecked(true);
  followBox_->setToolTip(
      tr("Keep the newest iterations in view. Zooming or dragging a chart turns this off."));
  connect(followBox_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) scheduleReplot();
  });
  readout_->setObjectName(QStringLiteral("readout"));
  readout_->setTextFormat(Qt::PlainText);
  readout_->setText(tr("Hover over a chart to read values; drag to pan, wheel to zoom."));
  // One line that never wraps (a wrapped read-out would make the charts jump): what does not fit
  // is cut at the right; the tooltip has all of it.
  readout_->setWordWrap(false);
  readout_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
  readout_->setMinimumWidth(1);

  auto* controls = new QHBoxLayout;
  auto* smoothingLabel = new QLabel(tr("Smoothing"), this);
  smoothingLabel->setBuddy(smoothingSlider_);
  controls->addWidget(smoothingLabel);
  controls->addWidget(smoothingSlider_, 1);
  controls->addWidget(smoothingValue_);
  controls->addSpacing(12);
  controls->addWidget(followBox_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(lossPlot_, 1);
  layout->addWidget(accuracyPlot_, 1);
  layout->addWidget(qualityPlot_, 1);
  layout->addLayout(controls);
  layout->addWidget(readout_);

  replotTimer_->setSingleShot(true);
  replotTimer_->setInterval(kReplotIntervalMs);
  connect(replotTimer_, &QTimer::timeout, this, &PlotsPanel::replotNow);
}

void PlotsPanel::setUpPlot(QCustomPlot* plot, const QString& yLabel) {
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  plot->yAxis->setLabel(yLabel);
  plot->legend->setVisible(true);
  plot->setPlottingHint(QCP::phFastPolylines, true);
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  plot->setNoAntialiasingOnDrag(true);
  plot->setMinimumHeight(140);
  plot->installEventFilter(this);
  plot->setMouseTracking(true);
  connect(plot, &QCustomPlot::mouseMove, this,
          [this, plot](QMouseEvent* event) { showReadout(plot, event->position().x()); });
}

bool PlotsPanel::eventFilter(QObject* watched, QEvent* event) {
  // A person zooming or dragging wants to look at something: stop following.
  if ((event->type() == QEvent::Wheel || event->type() == QEvent::MouseButtonPress) &&
      plots().contains(qobject_cast<QCustomPlot*>(watched))) {
    followBox_->setChecked(false);
  }
  return QWidget::eventFilter(watched, event);
}

void PlotsPanel::appendMetrics(const QVector<MetricPoint>& points) {
  if (points.isEmpty()) return;
  QVector<double> keys;
  QVector<double> minutes;
  QVector<double> values[4];
  keys.reserve(points.size());
  minutes.reserve(points.size());
  for (auto& v : values) v.reserve(points.size());
  for (const MetricPoint& p : points) {
    keys.append(static_cast<double>(p.iteration));
    lastSeconds_ = p.seconds >= 0 ? p.seconds : lastSeconds_ + p.step_ms / 1000.0;
    minutes.append(lastSeconds_ / 60.0);
    values[kDLoss].append(p.d_loss);
    values[kGLoss].append(p.g_loss);
    values[kDAcc].append(p.d_acc);
    values[kGAcc].append(p.g_acc);
  }
  const int first = keys_.size();
  keys_ += keys;
  minutes_ += minutes;
  const QVector<double>& xs = byTime_ ? minutes : keys;
  for (int s : {kDLoss, kGLoss}) {
    for (double v : values[s]) {
      if (!std::isfinite(v)) continue;
      lossLow_ = std::min(lossLow_, v);
      lossHigh_ = std::max(lossHigh_, v);
    }
  }
  for (int i = 0; i < 4; ++i) {
    series_[i].append(values[i]);
    rawGraphs_[i]->addData(xs, values[i], /*alreadySorted=*/true);
    const QVector<double> tail = series_[i].smoothed().mid(first);
    smoothGraphs_[i]->addData(xs, tail, /*alreadySorted=*/true);
  }
  scheduleReplot();
}

namespace {

// An overlay's horizontal positions: its iterations, or its training time.
const QVector<double>& overlayX(const RunOverlay& overlay, bool byTime) {
  return byTime && overlay.minutes.size() == overlay.iterations.size() ? overlay.minutes
                                                                       : overlay.iterations;
}

// The position of `iteration` among a run's points (`iterations` sorted, `xs` beside them).
double positionOf(double iteration, const QVector<double>& iterations, const QVector<double>& xs) {
  if (iterations.isEmpty() || xs.size() != iterations.size()) return iteration;
  const auto it = std::lower_bound(iterations.begin(), iterations.end(), iteration);
  return xs[std::min(static_cast<int>(it - iterations.begin()), static_cast<int>(xs.size()) - 1)];
}

}  // namespace

void PlotsPanel::refreshSmoothedGraphs() {
  for (int i = 0; i < 4; ++i) smoothGraphs_[i]->setData(liveX(), series_[i].smoothed(), true);
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

double PlotsPanel::overlayEnd(int overlay) const {
  if (overlay < 0 || overlay >= overlays_.size()) return -1;
  const QVector<double>& xs = overlayX(overlays_[overlay], byTime_);
  return xs.isEmpty() ? -1 : xs.back();
}

double PlotsPanel::xOf(qint64 iteration) const {
  return byTime_ ? positionOf(static_cast<double>(iteration), keys_, minutes_)
                 : static_cast<double>(iteration);
}

void PlotsPanel::setAlignByTime(bool byTime) {
  if (byTime == byTime_) return;
  byTime_ = byTime;
  rebuildGraphs();
}

void PlotsPanel::rebuildGraphs() {
  for (int i = 0; i < 4; ++i) rawGraphs_[i]->setData(liveX(), series_[i].raw(), true);
  for (QCPGraph* graph : {fdGraph_, coverageGraph_, confidenceGraph_}) graph->data()->clear();
  const QVector<QualityPoint> quality = quality_;
  quality_.clear();
  for (const QualityPoint& point : quality) appendQuality(point);
  refreshSmoothedGraphs();
  for (const Marker& marker : markerItems_) {
    const double x = xOf(marker.iteration);
    for (QCPItemStraightLine* line : marker.lines) {
      line->point1->setCoords(x, 0);
      line->point2->setCoords(x, 1);
    }
  }
  setCursorAt(cursorIteration_);
  qualityPlot_->xAxis->setLabel(byTime_ ? tr("training time (minutes)") : tr("iteration"));
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
  for (const QualityPoint& point : quality_)
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
  refreshSmoothedGraphs();
  // With no live run, the view fits the compared runs.
  if (keys_.isEmpty() && !overlays_.isEmpty()) {
    double last = byTime_ ? 0.1 : 10;
    double low = 0;
    double high = 1;
    for (const RunOverlay& overlay : overlays_) {
      const QVector<double>& xs = overlayX(overlay, byTime_);
      if (!xs.isEmpty()) last = std::max(last, xs.back());
      for (int i = 0; i < 2; ++i) {
        for (double v : overlay.values[i]) {
          if (!std::isfinite(v)) continue;
          low = std::min(low, v);
          high = std::max(high, v);
        }
      }
    }
    lossPlot_->xAxis->setRange(0, byTime_ ? last * 1.02 : last + 1);
    lossPlot_->yAxis->setRange(low, high * 1.05);
  }
  scheduleReplot();
}

void PlotsPanel::addMarker(qint64 iteration, const QString& label, const QColor& color) {
  Marker marker;
  marker.iteration = iteration;
  marker.label = label;
  for (QCustomPlot* plot : plots()) {
    auto* line = new QCPItemStraightLine(plot);
    line->point1->setCoords(xOf(iteration), 0);
    line->point2->setCoords(xOf(iteration), 1);
    marker.lines.append(line);
    QColor lineColor = color;
    lineColor.setAlpha(160);
    line->setPen(QPen(lineColor, 1, Qt::DashLine));
    auto* text = new QCPItemText(plot);
    text->position->setTypeX(QCPItemPosition::ptPlotCoords);
    text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    text->setText(label);
    const bool dark = isDark(palette());
    text->setColor(dark ? color.lighter(160) : color.darker(120));
    QColor background = palette().color(QPalette::Base);
    background.setAlpha(200);
    text->setBrush(QBrush(background));
    text->setPadding(QMargins(3, 1, 3, 1));
    text->setClipToAxisRect(true);
    marker.texts.append(text);
  }
  markerItems_.append(marker);
  scheduleReplot();
}

void PlotsPanel::layOutMarkerLabels() {
  constexpr int kRows = 3;
  constexpr int kGap = 6;  // pixels between labels in a row
  for (int p = 0; p < plots().size(); ++p) {
    QCustomPlot* plot = plots()[p];
    const QRect area = plot->axisRect()->rect();
    const QRect legend = plot->legend->visible() ? plot->legend->outerRect() : QRect();
    const QFontMetrics metrics(plot->font());
    const int rowHeight = metrics.height() + 4;
    QList<int> order;
    for (int i = 0; i < markerItems_.size(); ++i) order.append(i);
    std::sort(order.begin(), order.end(), [this](int a, int b) {
      return markerItems_[a].iteration < markerItems_[b].iteration;
    });
    QVector<double> rowEnd(kRows, -1e9);
    for (int i : order) {
      QCPItemText* text = markerItems_[i].texts[p];
      const double x = plot->xAxis->coordToPixel(xOf(markerItems_[i].iteration));
      const int width = metrics.horizontalAdvance(markerItems_[i].label) + 6;
      int row = 0;
      while (row < kRows && x < rowEnd[row] + kGap) ++row;
      // Rows count up from the bottom of the chart, away from the legend at the top right.
      const double bottom = area.bottom() - 2 - row * rowHeight;
      const QRect box(static_cast<int>(x), static_cast<int>(bottom) - rowHeight, width, rowHeight);
      const bool fits =
          row < kRows && x >= area.left() && x + width <= area.right() && !box.intersects(legend);
      text->setVisible(fits);
      if (!fits) continue;
      rowEnd[row] = x + width;
      text->position->setCoords(xOf(markerItems_[i].iteration),
                                (bottom - area.top()) / std::max(1, area.height()));
    }
  }
}

int PlotsPanel::visibleMarkerLabels(QCustomPlot* plot) const {
  const int p = plots().indexOf(plot);
  int visible = 0;
  for (const Marker& marker : markerItems_) visible += marker.texts[p]->visible() ? 1 : 0;
  return visible;
}

QString PlotsPanel::markersNear(QCustomPlot* plot, double pixelX) const {
  QStringList labels;
  for (const Marker& marker : markerItems_) {
    const double x = plot->xAxis->coordToPixel(xOf(marker.iteration));
    if (std::abs(x - pixelX) <= 4) labels << marker.label;
  }
  return labels.join(QStringLiteral(" · "));
}

void PlotsPanel::setCursorAt(qint64 iteration) {
  cursorIteration_ = iteration;
  if (cursors_.isEmpty()) {
    for (QCustomPlot* plot : plots()) {
      auto* line = new QCPItemStraightLine(plot);
      line->setPen(QPen(palette().color(QPalette::Highlight), 2));
      line->setSelectable(false);
      cursors_.append(line);
    }
  }
  for (QCPItemStraightLine* line : cursors_) {
    line->setVisible(iteration >= 0);
    line->point1->setCoords(xOf(iteration), 0);
    line->point2->setCoords(xOf(iteration), 1);
  }
  scheduleReplot();
}

void PlotsPanel::addLiveChange(const LiveChange& change) {
  // Settings that take effect at one iteration are one marker, however they arrived (the two
  // learning rates of one edit are two requests).
  auto known = liveChanges_.find(change.iteration);
  if (known == liveChanges_.end()) {
    liveChanges_.insert(change.iteration, {change, static_cast<int>(markerItems_.size())});
    addMarker(change.iteration, liveChangeLabel(change), kLiveChangeColor);
    ++markers_;
    return;
  }
  LiveChange& together = known->first;
  for (const LiveSetting& setting : change.settings) {
    auto same = std::find_if(together.settings.begin(), together.settings.end(),
                             [&](const LiveSetting& s) { return s.key == setting.key; });
    if (same != together.settings.end()) {
      *same = setting;
    } else {
      together.settings.append(setting);
    }
  }
  Marker& marker = markerItems_[known->second];
  marker.label = liveChangeLabel(together);
  for (QCPItemText* text : marker.texts) text->setText(marker.label);
  if (!markerItems_.isEmpty()) layOutMarkerLabels();
  scheduleReplot();
}

void PlotsPanel::addHealthMarker(const HealthNotice& notice) {
  addMarker(notice.iteration, QStringLiteral("⚠ ") + notice.title, kHealthColor);
  ++healthMarkers_;
}

void PlotsPanel::appendQuality(const QualityPoint& point) {
  quality_.append(point);
  const double x = xOf(point.iteration);
  fdGraph_->addData(x, point.fd);
  if (point.classes > 0) {
    coverageGraph_->addData(x, static_cast<double>(point.classesCovered) / point.classes);
    confidenceGraph_->addData(x, point.confidence);
  }
  if (std::isfinite(point.fd)) fdHigh_ = std::max(fdHigh_, point.fd);
  qualityPlot_->yAxis->setRange(0, fdHigh_ > 0 ? fdHigh_ * 1.08 : 1);
  scheduleReplot();
}

int PlotsPanel::qualityPointCount() const { return fdGraph_->dataCount(); }

void PlotsPanel::clear() {
  keys_.clear();
  minutes_.clear();
  lastSeconds_ = 0;
  quality_.clear();
  lossLow_ = std::numeric_limits<double>::infinity();
  lossHigh_ = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < 4; ++i) {
    series_[i].clear();
    rawGraphs_[i]->data()->clear();
    smoothGraphs_[i]->data()->clear();
  }
  for (QCustomPlot* plot : plots()) plot->clearItems();
  cursors_.clear();  // deleted with the items (compared runs' overlays stay)
  cursorIteration_ = -1;
  markerItems_.clear();
  liveChanges_.clear();
  for (QCPGraph* graph : {fdGraph_, coverageGraph_, confidenceGraph_}) graph->data()->clear();
  fdHigh_ = 0;
  markers_ = 0;
  healthMarkers_ = 0;
  followBox_->setChecked(true);
  scheduleReplot();
}

double PlotsPanel::smoothing() const { return smoothingSlider_->value() / 1000.0; }

void PlotsPanel::setSmoothing(double weight) {
  smoothingSlider_->setValue(static_cast<int>(std::lround(std::clamp(weight, 0.0, 0.999) * 1000)));
}

bool PlotsPanel::followLatest() const { return followBox_->isChecked(); }
void PlotsPanel::setFollowLatest(bool follow) { followBox_->setChecked(follow); }

bool PlotsPanel::replotPending() const { return replotTimer_->isActive(); }

void PlotsPanel::scheduleReplot() {
  if (!replotTimer_->isActive()) replotTimer_->start();
}

void PlotsPanel::replotNow() {
  if (followBox_->isChecked() && !keys_.isEmpty()) {
    const QVector<double>& xs = liveX();
    const double margin = byTime_ ? 0.02 * std::max(xs.back() - xs.front(), 0.1) : 1;
    const double shortest = byTime_ ? 0.1 : 10;
    lossPlot_->xAxis->setRange(xs.front() - margin,
                               std::max(xs.back(), xs.front() + shortest) + margin);
    // Every point is in view: the smoothed curves lie within the raw values' range.
    if (lossHigh_ > lossLow_) {
      const double margin = 0.05 * (lossHigh_ - lossLow_);
      lossPlot_->yAxis->setRange(std::min(0.0, lossLow_ - margin), lossHigh_ + margin);
    }
  }
  if (!markerItems_.isEmpty()) layOutMarkerLabels();
  double cost = 0;
  for (QCustomPlot* plot : plots()) {
    plot->replot(QCustomPlot::rpQueuedReplot);
    cost += plot->replotTime();
  }
  ++replotCount_;
  // Keep drawing a small share of the CPU, whatever it costs on this machine.
  replotTimer_->setInterval(
      std::clamp(static_cast<int>(cost / kReplotCpuShare), kReplotIntervalMs, kSlowestReplotMs));
}

QString PlotsPanel::readoutAt(double x) const {
  const QVector<double>& xs = liveX();
  if (xs.isEmpty()) return {};
  auto it = std::lower_bound(xs.begin(), xs.end(), x);
  if (it == xs.end()) --it;
  if (it != xs.begin() && std::abs(*(it - 1) - x) < std::abs(*it - x)) --it;
  const int i = static_cast<int>(it - xs.begin());
  const QLocale locale;
  auto value = [&](int s) {
    return QStringLiteral("%1 (smoothed %2)")
        .arg(series_[s].raw()[i], 0, 'f', 3)
        .arg(series_[s].smoothed()[i], 0, 'f', 3);
  };
  return tr("iteration %1 — D loss %2 · G loss %3 · D accuracy %4 · G accuracy %5")
      .arg(locale.toString(static_cast<qlonglong>(keys_[i])), value(kDLoss), value(kGLoss),
           value(kDAcc), value(kGAcc));
}

void PlotsPanel::showReadout(QCustomPlot* plot, double pixelX) {
  QString text = readoutAt(plot->xAxis->pixelToCoord(pixelX));
  const QString markers = markersNear(plot, pixelX);
  if (!markers.isEmpty()) text = markers + QStringLiteral(" — ") + text;
  if (text.isEmpty()) return;
  readout_->setText(text);
  readout_->setToolTip(text);
}

void PlotsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    applyPalette();
    scheduleReplot();
  }
  QWidget::changeEvent(event);
}

void PlotsPanel::applyPalette() {
  const QPalette pal = palette();
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::Text);
  QColor grid = text;
  grid.setAlpha(40);
  for (QCustomPlot* plot : plots()) {
    plot->setBackground(base);
    for (QCPAxis* axis : plot->axisRect()->axes()) {
      axis->setBasePen(QPen(text, 0));
      axis->setTickPen(QPen(text, 0));
      axis->setSubTickPen(QPen(text, 0));
      axis->setTickLabelColor(text);
      axis->setLabelColor(text);
      axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    }
    plot->legend->setBrush(base);
    plot->legend->setBorderPen(QPen(grid.darker(), 0));
    plot->legend->setTextColor(text);
  }
  for (int i = 0; i < 4; ++i) {
    const QColor color = onBackground(i % 2 == 0 ? kDColor : kGColor, pal);
    rawGraphs_[i]->setPen(QPen(faint(color, base), 1));
    smoothGraphs_[i]->setPen(QPen(color, 2));
  }
  fdGraph_->setPen(QPen(onBackground(kFdColor, pal), 2));
  coverageGraph_->setPen(QPen(onBackground(kCoverageColor, pal), 2));
  confidenceGraph_->setPen(
      QPen(onBackground(kConfidenceColor.lighter(isDark(pal) ? 150 : 100), pal), 2));
}

}  // namespace ui
