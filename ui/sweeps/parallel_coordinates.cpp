#include "ui/sweeps/parallel_coordinates.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr double kLeft = 46;
constexpr double kRight = 46;
constexpr double kTop = 40;
constexpr double kBottom = 26;
constexpr double kAxisGrip = 12;  // pixels either side of an axis that start a brush
constexpr double kLineGrip = 5;   // pixels from a line that pick it

bool finite(double value) { return std::isfinite(value); }

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
  const QPointF ab = b - a;
  const double length2 = QPointF::dotProduct(ab, ab);
  const double t =
      length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
  const QPointF nearest = a + t * ab;
  return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

QString numberText(double value) { return QString::number(value, 'g', 3); }

}  // namespace

QString shortKey(const QString& key) { return key.section(QLatin1Char('.'), -1); }

double axisValue(const SweepAxis& axis, const QString& text) {
  if (!axis.categories.isEmpty()) {
    const int index = static_cast<int>(axis.categories.indexOf(text));
    return index >= 0 ? index : std::numeric_limits<double>::quiet_NaN();
  }
  bool ok = false;
  const double value = text.toDouble(&ok);
  return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

ParallelCoordinates::ParallelCoordinates(QWidget* parent) : QWidget(parent) {
  setMouseTracking(false);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setToolTip(
      tr("Drag along an axis to keep only the trials in that range; click a brushed axis "
         "to clear it. Click a line to select its trial, double-click to open it."));
}

QSize ParallelCoordinates::sizeHint() const { return {520, 240}; }
QSize ParallelCoordinates::minimumSizeHint() const { return {260, 150}; }

void ParallelCoordinates::setSweep(const SweepData& sweep) {
  const bool sameAxes = [&] {
    if (sweep.axes.size() != sweep_.axes.size()) return false;
    for (int i = 0; i < sweep.axes.size(); ++i) {
      if (sweep.axes[i].key != sweep_.axes[i].key) return false;
    }
    return sweep.path == sweep_.path;
  }();
  const QString selectedName = selected_ >= 0 && selected_ < sweep_.trials.size()
                                   ? sweep_.trials[selected_].name
                                   : QString();
  sweep_ = sweep;
  scales_.clear();
  for (int a = 0; a < sweep_.axes.size(); ++a) {
    const SweepAxis& axis = sweep_.axes[a];
    Scale scale;
    scale.categories = axis.categories;
    scale.log = axis.log;
    double low = INFINITY;
    double high = -INFINITY;
    for (const SweepTrial& trial : sweep_.trials) {
      double value = a < trial.values.size() ? axisValue(axis, trial.values[a]) : NAN;
      if (scale.log) value = value > 0 ? std::log10(value) : NAN;
      if (!finite(value)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
    scale.low = finite(low) ? low : 0;
    scale.high = finite(high) ? high : 1;
    scales_.append(scale);
  }
  Scale distance;
  double low = INFINITY;
  double high = -INFINITY;
  for (const SweepTrial& trial : sweep_.trials) {
    if (!finite(trial.fd)) continue;
    low = std::min(low, trial.fd);
    high = std::max(high, trial.fd);
  }
  distance.low = finite(low) ? low : 0;
  distance.high = finite(high) ? high : 1;
  scales_.append(distance);
  if (!sameAxes) brushes_ = QVector<std::optional<Brush>>(axisCount());
  selected_ = -1;
  for (int i = 0; i < sweep_.trials.size(); ++i) {
    if (!selectedName.isEmpty() && sweep_.trials[i].name == selectedName) selected_ = i;
  }
  update();
}

int ParallelCoordinates::axisCount() const { return static_cast<int>(scales_.size()); }

void ParallelCoordinates::setBrush(int axis, double from, double to) {
  if (axis < 0 || axis >= axisCount()) return;
  brushes_[axis] =
      Brush{std::clamp(std::min(from, to), 0.0, 1.0), std::clamp(std::max(from, to), 0.0, 1.0)};
  update();
  Q_EMIT brushesChanged();
}

void ParallelCoordinates::clearBrushes() {
  brushes_ = QVector<std::optional<Brush>>(axisCount());
  update();
  Q_EMIT brushesChanged();
}

bool ParallelCoordinates::hasBrush(int axis) const {
  return axis >= 0 && axis < brushes_.size() && brushes_[axis].has_value();
}

bool ParallelCoordinates::passes(int trial) const {
  for (int a = 0; a < brushes_.size(); ++a) {
    if (!brushes_[a]) continue;
    const double f = fractionOf(trial, a);
    if (!finite(f) || f < brushes_[a]->from - 1e-9 || f > brushes_[a]->to + 1e-9) return false;
  }
  return true;
}

QVector<int> ParallelCoordinates::visibleTrials() const {
  QVector<int> out;
  for (int i = 0; i < sweep_.trials.size(); ++i) {
    if (passes(i)) out.append(i);
  }
  return out;
}

void ParallelCoordinates::setSelectedTrial(int index) {
  selected_ = index >= 0 && index < sweep_.trials.size() ? index : -1;
  update();
}

double ParallelCoordinates::fractionOf(int trial, int axis) const {
  if (trial < 0 || trial >= sweep_.trials.size() || axis < 0 || axis >= axisCount()) return NAN;
  const SweepTrial& t = sweep_.trials[trial];
  const Scale& scale = scales_[axis];
  const bool distance = axis == axisCount() - 1;
  if (!distance && !scale.categories.isEmpty()) {
    const double index = axisValue(sweep_.axes[axis], t.values.value(axis));
    return finite(index) ? (index + 0.5) / static_cast<double>(scale.categories.size()) : NAN;
  }
  double value = distance ? t.fd : axisValue(sweep_.axes[axis], t.values.value(axis));
  if (scale.log) value = value > 0 ? std::log10(value) : NAN;
  if (!finite(value)) return NAN;
  if (scale.high - scale.low < 1e-12) return 0.5;
  return (value - scale.low) / (scale.high - scale.low);
}

double ParallelCoordinates::axisX(int axis) const {
  const int n = axisCount();
  if (n <= 1) return width() / 2.0;
  return kLeft + (width() - kLeft - kRight) * axis / static_cast<double>(n - 1);
}
double ParallelCoordinates::axisTop() const { return kTop; }
double ParallelCoordinates::axisBottom() const { return height() - kBottom; }

QPointF ParallelCoordinates::pointOf(int trial, int axis) const {
  const double f = fractionOf(trial, axis);
  if (!finite(f)) return {axisX(axis), NAN};
  return {axisX(axis), axisBottom() - f * (axisBottom() - axisTop())};
}

double ParallelCoordinates::fractionAtY(double y) const {
  return std::clamp((axisBottom() - y) / std::max(1.0, axisBottom() - axisTop()), 0.0, 1.0);
}

int ParallelCoordinates::axisNear(double x) const {
  for (int a = 0; a < axisCount(); ++a) {
    if (std::abs(x - axisX(a)) <= kAxisGrip) return a;
  }
  return -1;
}

int ParallelCoordinates::trialAt(const QPointF& position) const {
  int best = -1;
  double bestDistance = kLineGrip;
  for (int t = 0; t < sweep_.trials.size(); ++t) {
    for (int a = 0; a + 1 < axisCount(); ++a) {
      const QPointF p = pointOf(t, a);
      const QPointF q = pointOf(t, a + 1);
      if (!finite(p.y()) || !finite(q.y())) continue;
      double d = distanceToSegment(position, p, q);
      if (!passes(t)) d += 2;  // faded lines give way to the ones in view
      if (d < bestDistance) {
        bestDistance = d;
        best = t;
      }
    }
  }
  return best;
}

QString ParallelCoordinates::axisTitle(int axis) const {
  if (axis == axisCount() - 1) return tr("distance (FD)");
  return shortKey(sweep_.axes[axis].key);
}

QString ParallelCoordinates::tickText(int axis, double fraction) const {
  const Scale& scale = scales_[axis];
  double value = scale.low + fraction * (scale.high - scale.low);
  if (scale.log) value = std::pow(10.0, value);
  return numberText(value);
}

QColor ParallelCoordinates::colourOf(int trial) const {
  const double fd = sweep_.trials[trial].fd;
  if (!finite(fd)) return palette().color(QPalette::PlaceholderText);
  const Scale& scale = scales_.back();
  const double t = scale.high - scale.low > 1e-12 ? (fd - scale.low) / (scale.high - scale.low) : 0;
  return QColor::fromHsvF(static_cast<float>(0.33 * (1 - t)), 0.85f, 0.8f);
}

void ParallelCoordinates::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  const QColor text = palette().color(QPalette::Text);
  if (sweep_.trials.isEmpty() || axisCount() < 2) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter, tr("No trials yet"));
    return;
  }
  const QFontMetrics metrics(font());
  // Axes, titles and end ticks.
  for (int a = 0; a < axisCount(); ++a) {
    const double x = axisX(a);
    painter.setPen(QPen(text, 1));
    painter.drawLine(QPointF(x, axisTop()), QPointF(x, axisBottom()));
    const QString title =
        metrics.elidedText(axisTitle(a), Qt::ElideMiddle, static_cast<int>(kLeft + kRight) + 20);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    // Centred over its axis, but inside the widget (the first and last axes sit near its edges).
    const double left = std::clamp(x - 70, 0.0, std::max(0.0, width() - 140.0));
    painter.drawText(QRectF(left, 4, 140, 18), Qt::AlignCenter, title);
    painter.setFont(font());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const Scale& scale = scales_[a];
    const bool categories = a < sweep_.axes.size() && !scale.categories.isEmpty();
    if (categories) {
      for (int c = 0; c < scale.categories.size(); ++c) {
        const double f = (c + 0.5) / scale.categories.size();
        const double y = axisBottom() - f * (axisBottom() - axisTop());
        painter.drawText(QRectF(x + 4, y - 9, 80, 18), Qt::AlignLeft | Qt::AlignVCenter,
                         scale.categories[c]);
      }
    } else {
      painter.drawText(QRectF(x - 60, axisTop() - 18, 120, 16), Qt::AlignCenter, tickText(a, 1));
      painter.drawText(QRectF(x - 60, axisBottom() + 4, 120, 16), Qt::AlignCenter, tickText(a, 0));
    }
  }
  // Lines: faded first, then those in view, the selected one last.
  auto drawTrial = [&](int t, const QPen& pen) {
    QPainterPath path;
    bool open = false;
    for (int a = 0; a < axisCount(); ++a) {
      const QPointF p = pointOf(t, a);
      if (!finite(p.y())) {
        open = false;
        continue;
      }
      if (open) {
        path.lineTo(p);
      } else {
        path.moveTo(p);
        open = true;
      }
      painter.setPen(Qt::NoPen);
      painter.setBrush(pen.color());
      painter.drawEllipse(p, pen.widthF() + 1, pen.widthF() + 1);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(pen);
    painter.drawPath(path);
  };
  QColor faded = palette().color(QPalette::PlaceholderText);
  faded.setAlpha(70);
  for (int t = 0; t < sweep_.trials.size(); ++t) {
    if (!passes(t) && t != selected_) drawTrial(t, QPen(faded, 1));
  }
  for (int t = 0; t < sweep_.trials.size(); ++t) {
    if (passes(t) && t != selected_) drawTrial(t, QPen(colourOf(t), 1.6));
  }
  if (selected_ >= 0) {
    drawTrial(selected_, QPen(palette().color(QPalette::Highlight), 3.5));
    drawTrial(selected_, QPen(colourOf(selected_), 1.6));
  }
  // Brushes, and the one being dragged.
  QColor brushColour = palette().color(QPalette::Highlight);
  brushColour.setAlpha(60);
  auto drawBrush = [&](int a, double from, double to) {
    const double top = axisBottom() - to * (axisBottom() - axisTop());
    const double bottom = axisBottom() - from * (axisBottom() - axisTop());
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1));
    painter.setBrush(brushColour);
    painter.drawRect(QRectF(axisX(a) - 7, top, 14, std::max(2.0, bottom - top)));
  };
  for (int a = 0; a < brushes_.size(); ++a) {
    if (brushes_[a]) drawBrush(a, brushes_[a]->from, brushes_[a]->to);
  }
  if (dragAxis_ >= 0 && dragged_) {
    drawBrush(dragAxis_, std::min(dragStart_, dragNow_), std::max(dragStart_, dragNow_));
  }
}

void ParallelCoordinates::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  const QPointF p = event->position();
  const int axis = axisNear(p.x());
  if (axis >= 0 && p.y() >= axisTop() - 8 && p.y() <= axisBottom() + 8) {
    dragAxis_ = axis;
    dragStart_ = dragNow_ = fractionAtY(p.y());
    dragged_ = false;
    return;
  }
  const int trial = trialAt(p);
  if (trial >= 0) {
    setSelectedTrial(trial);
    Q_EMIT trialClicked(trial);
  }
}

void ParallelCoordinates::mouseMoveEvent(QMouseEvent* event) {
  if (dragAxis_ < 0) return;
  dragNow_ = fractionAtY(event->position().y());
  if (std::abs(dragNow_ - dragStart_) * (axisBottom() - axisTop()) > 3) dragged_ = true;
  update();
}

void ParallelCoordinates::mouseReleaseEvent(QMouseEvent* event) {
  if (dragAxis_ < 0) return QWidget::mouseReleaseEvent(event);
  const int axis = dragAxis_;
  dragAxis_ = -1;
  dragNow_ = fractionAtY(event->position().y());
  if (std::abs(dragNow_ - dragStart_) * (axisBottom() - axisTop()) > 3) dragged_ = true;
  if (dragged_) {
    setBrush(axis, dragStart_, dragNow_);
  } else if (hasBrush(axis)) {
    brushes_[axis].reset();
    update();
    Q_EMIT brushesChanged();
  } else {
    const int trial = trialAt(event->position());
    if (trial >= 0) {
      setSelectedTrial(trial);
      Q_EMIT trialClicked(trial);
    }
  }
  dragged_ = false;
}

void ParallelCoordinates::mouseDoubleClickEvent(QMouseEvent* event) {
  const int trial = trialAt(event->position());
  if (trial < 0) return;
  setSelectedTrial(trial);
  Q_EMIT trialActivated(trial);
}

bool ParallelCoordinates::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int t = trialAt(help->pos());
    if (t < 0) return QWidget::event(event);
    const SweepTrial& trial = sweep_.trials[t];
    QStringList lines{trial.name + QLatin1String(" · ") + trial.state};
    for (int a = 0; a < sweep_.axes.size(); ++a)
      lines << shortKey(sweep_.axes[a].key) + QLatin1String(" = ") + trial.values.value(a);
    lines << (finite(trial.fd) ? tr("distance %1").arg(trial.fd, 0, 'f', 2)
                               : tr("no distance yet"));
    QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this);
    return true;
  }
  return QWidget::event(event);
}

}  // namespace ui
