#include "ui/training/plots_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/training/chart_markers.h"
#include "ui/training/score_bands.h"

namespace ui {

namespace {

constexpr int kReplotIntervalMs = 33;      // at most ~30 frames per second
constexpr int kSlowestReplotMs = 500;      // and at least 2 while data comes
constexpr double kReplotCpuShare = 0.015;  // drawing may take 1.5% of a core: training has the rest
const QColor kDColor(31, 119, 180);        // discriminator: blue
const QColor kGColor(255, 127, 14);        // generator: orange
const QColor kFdColor(148, 103, 189);      // quality: the distance, purple
const QColor kCoverageColor(44, 160, 44);  // classes covered, green
const QColor kConfidenceColor(140, 86, 75);
const QColor kAugmentColor(23, 190, 207);  // the augmentation's strength, cyan, dashed
const QColor kLiveChangeColor(120, 120, 120);
const QColor kHealthColor(214, 39, 40);
const QColor kRealColor(44, 160, 44);  // D on real images: green
const QColor kFakeColor(214, 39, 40);  // D on fakes: red

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
      scoresPlot_(new QCustomPlot(this)),
      lowerTabs_(new QTabWidget(this)),
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
  setUpPlot(scoresPlot_, tr("D's output"));
  scoresPlot_->xAxis->setLabel(tr("iteration"));
  scoresPlot_->yAxis->setRange(-0.02, 1.02);
  scoreBands_ = std::make_unique<ScoreBands>(scoresPlot_);

  const QString names[4] = {tr("D loss"), tr("G loss"), tr("D accuracy"), tr("G accuracy")};
  for (int i = 0; i < 4; ++i) {
    QCustomPlot* plot = i < 2 ? lossPlot_ : accuracyPlot_;
    rawGraphs_[i] = plot->addGraph();
    rawGraphs_[i]->setAntialiased(false);  // thousands of faint segments: plain lines draw faster
    rawGraphs_[i]->setName(tr("%1 (raw)").arg(names[i]));
    rawGraphs_[i]->removeFromLegend();
    smoothGraphs_[i] = plot->addGraph();
    smoothGraphs_[i]->setName(names[i]);
  }
  // The augmentation's strength (0..1) on the accuracy chart's scale; in the legend once a run
  // augments.
  augmentGraph_ = accuracyPlot_->addGraph();
  augmentGraph_->setName(tr("augmentation p"));
  augmentGraph_->removeFromLegend();
  curves_.setWeight(0.95);
  applyPalette();
  marks_ =
      std::make_unique<ChartMarkers>(plots(), [this](qint64 iteration) { return xOf(iteration); });
  // Dragging or zooming moves the markers: their labels find new rows.
  connect(lossPlot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
    if (!marks_->isEmpty()) marks_->layOutLabels();
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
    curves_.setWeight(weight);
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
  showReadoutHint();
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
  // The quality chart and D's outputs share the third row: tabs keep the window's height for
  // a laptop's screen.
  lowerTabs_->setDocumentMode(true);
  lowerTabs_->addTab(qualityPlot_, tr("&Quality"));
  lowerTabs_->addTab(scoresPlot_, tr("D's &outputs"));
  lowerTabs_->setTabToolTip(0, tr("The quality meter's measurements: distance to real images, "
                                  "classes covered, confidence"));
  lowerTabs_->setTabToolTip(
      1, tr("D's outputs on real images (green) and on fakes (red) with each grid: the median, "
            "the middle half and 90% of them. Apart and steady: D tells them apart without "
            "winning outright; pinned at 1 and 0: D dominates; both at 0.5: D learns nothing"));
  layout->addWidget(lowerTabs_, 1);
  layout->addLayout(controls);
  layout->addWidget(readout_);

  replotTimer_->setSingleShot(true);
  replotTimer_->setInterval(kReplotIntervalMs);
  connect(replotTimer_, &QTimer::timeout, this, &PlotsPanel::replotNow);
}

PlotsPanel::~PlotsPanel() = default;

QVector<PlotsPanel::ChartGeometry> PlotsPanel::chartGeometry() const {
  QVector<ChartGeometry> out;
  for (QCustomPlot* plot : plots()) {
    if (!plot->isVisible()) continue;  // a tab not shown is laid out when it is
    plot->replot(QCustomPlot::rpImmediateRefresh);
    out.append({plot->rect(), plot->axisRect()->rect(),
                plot->legend->visible() ? plot->legend->outerRect() : QRect()});
  }
  return out;
}

void PlotsPanel::setUpPlot(QCustomPlot* plot, const QString& yLabel) {
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  plot->yAxis->setLabel(yLabel);
  // The legend in a row of its own above the axes, its entries side by side: never over the data
  // (the newest points are at the right edge, where an inset legend sat).
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->take(plot->legend);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, plot->legend);
  plot->plotLayout()->setRowStretchFactor(0, 0.001);
  plot->plotLayout()->setRowSpacing(0);
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setWrap(3);
  plot->legend->setMargins(QMargins(4, 1, 4, 1));
  plot->legend->setRowSpacing(0);
  plot->legend->setColumnSpacing(12);
  plot->setPlottingHint(QCP::phFastPolylines, true);
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
  // The read-out is of the point under the mouse: none when it leaves the charts.
  if (event->type() == QEvent::Leave && plots().contains(qobject_cast<QCustomPlot*>(watched)))
    showReadoutHint();
  return QWidget::eventFilter(watched, event);
}

void PlotsPanel::appendMetrics(const QVector<MetricPoint>& points) {
  if (points.isEmpty()) return;
  const int first = curves_.append(points);
  const QVector<double> xs = liveX().mid(first);
  for (int i = 0; i < 4; ++i) {
    const SmoothedSeries& series = curves_.series(i);
    rawGraphs_[i]->addData(xs, series.raw().mid(first), /*alreadySorted=*/true);
    smoothGraphs_[i]->addData(xs, series.smoothed().mid(first), /*alreadySorted=*/true);
  }
  augmentGraph_->addData(xs, curves_.augment().mid(first), /*alreadySorted=*/true);
  showAugmentInLegend();
  scheduleReplot();
}

void PlotsPanel::showAugmentInLegend() {
  if (curves_.augmented() && !accuracyPlot_->legend->hasItemWithPlottable(augmentGraph_)) {
    augmentGraph_->addToLegend();
  } else if (!curves_.augmented()) {
    augmentGraph_->removeFromLegend();
  }
}

int PlotsPanel::visibleMarkerLabels(QCustomPlot* plot) const { return marks_->visibleLabels(plot); }

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
    const int mark =
        marks_->add(change.iteration, liveChangeLabel(change), kLiveChangeColor, palette());
    liveChanges_.insert(change.iteration, {change, mark});
    ++markers_;
    scheduleReplot();
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
  marks_->setLabel(known->second, liveChangeLabel(together));
  scheduleReplot();
}

void PlotsPanel::addHealthMarker(const HealthNotice& notice) {
  marks_->add(notice.iteration, QStringLiteral("⚠ ") + notice.title, kHealthColor, palette());
  ++healthMarkers_;
  scheduleReplot();
}

void PlotsPanel::appendQuality(const QualityPoint& point) {
  curves_.appendQuality(point);
  drawQuality(point);
}

void PlotsPanel::drawQuality(const QualityPoint& point) {
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

void PlotsPanel::appendScores(const ScorePoint& point) {
  scorePoints_.append(point);
  scoreBands_->add(xOf(point.iteration), point);
  scheduleReplot();
}

int PlotsPanel::scorePointCount() const { return scoreBands_->count(); }

void PlotsPanel::clear() {
  curves_.clear();
  for (int i = 0; i < 4; ++i) {
    rawGraphs_[i]->data()->clear();
    smoothGraphs_[i]->data()->clear();
  }
  augmentGraph_->data()->clear();
  showAugmentInLegend();
  for (QCustomPlot* plot : plots()) plot->clearItems();
  cursors_.clear();  // deleted with the items (compared runs' overlays stay)
  cursorIteration_ = -1;
  marks_->forget();
  liveChanges_.clear();
  for (QCPGraph* graph : {fdGraph_, coverageGraph_, confidenceGraph_}) graph->data()->clear();
  scoreBands_->clear();
  scorePoints_.clear();
  fdHigh_ = 0;
  markers_ = 0;
  healthMarkers_ = 0;
  followBox_->setChecked(true);
  fitEmptyView();  // nothing of the run before, its iterations included
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
  if (followBox_->isChecked() && !curves_.iterations().isEmpty()) {
    const QVector<double>& xs = liveX();
    const double margin = byTime_ ? 0.02 * std::max(xs.back() - xs.front(), 0.1) : 1;
    const double shortest = byTime_ ? 0.1 : 10;
    lossPlot_->xAxis->setRange(xs.front() - margin,
                               std::max(xs.back(), xs.front() + shortest) + margin);
    // Every point is in view: the smoothed curves lie within the raw values' range.
    // Compared runs too: one run's G loss never runs off the top.
    const double low =
        overlays_.isEmpty() ? curves_.lossLow() : std::min(curves_.lossLow(), overlayLossLow_);
    const double high =
        overlays_.isEmpty() ? curves_.lossHigh() : std::max(curves_.lossHigh(), overlayLossHigh_);
    if (high > low) {
      const double room = 0.05 * (high - low);
      lossPlot_->yAxis->setRange(std::min(0.0, low - room), high + room);
    }
  }
  if (!marks_->isEmpty()) marks_->layOutLabels();
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
        .arg(curves_.series(s).raw()[i], 0, 'f', 3)
        .arg(curves_.series(s).smoothed()[i], 0, 'f', 3);
  };
  QString text = tr("iteration %1 — D loss %2 · G loss %3 · D accuracy %4 · G accuracy %5")
                     .arg(locale.toString(static_cast<qlonglong>(curves_.iterations()[i])),
                          value(kDLoss), value(kGLoss), value(kDAcc), value(kGAcc));
  if (curves_.augmented()) {
    text += tr(" · augmentation p %1").arg(curves_.augment()[i], 0, 'f', 3);
  }
  return text;
}

void PlotsPanel::showReadout(QCustomPlot* plot, double pixelX) {
  QString text = readoutAt(plot->xAxis->pixelToCoord(pixelX));
  const QString markers = marks_->near(plot, pixelX);
  if (!markers.isEmpty()) text = markers + QStringLiteral(" — ") + text;
  if (text.isEmpty()) return;
  readout_->setText(text);
  readout_->setToolTip(text);
}

void PlotsPanel::showReadoutHint() {
  readout_->setText(tr("Hover over a chart to read values; drag to pan, wheel to zoom."));
  readout_->setToolTip({});
}

QString PlotsPanel::readout() const { return readout_->text(); }

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
  augmentGraph_->setPen(QPen(onBackground(kAugmentColor, pal), 2, Qt::DashLine));
  fdGraph_->setPen(QPen(onBackground(kFdColor, pal), 2));
  coverageGraph_->setPen(QPen(onBackground(kCoverageColor, pal), 2));
  confidenceGraph_->setPen(
      QPen(onBackground(kConfidenceColor.lighter(isDark(pal) ? 150 : 100), pal), 2));
  scoreBands_->setColours(onBackground(kRealColor, pal), onBackground(kFakeColor, pal), base);
}

}  // namespace ui
