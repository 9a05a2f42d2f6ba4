#include "ui/samples/sample_grid_view.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace ui {

namespace {
constexpr int kCaptionHeight = 22;
constexpr int kGap = 2;
constexpr int kSide = gs::kGridColumns;  // cells per row and column
constexpr int kMaxLabelWidth = 110;      // longer class names are elided
constexpr int kLabelGap = 6;
}  // namespace

SampleGridView::SampleGridView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setToolTip(
      tr("Digits drawn from a fixed batch of 64 latent vectors: each cell shows the same "
         "vector as the generator learns. Click a cell to explore its latent vector."));
}

void SampleGridView::setGrid(const QImage& grid, int columns, qint64 iteration) {
  const QSize before = minimumSizeHint();
  grid_ = grid;
  caption_.clear();
  columns_ = std::max(1, columns);
  iteration_ = iteration;
  verdicts_.clear();                                  // they were of the grid before
  if (minimumSizeHint() != before) updateGeometry();  // a conditional grid has more rows
  update();
}

void SampleGridView::setVerdicts(const QVector<float>& scores) {
  verdicts_ = scores;
  update();
}

void SampleGridView::setShowVerdicts(bool show) {
  showVerdicts_ = show;
  update();
}

QColor SampleGridView::verdictColor(int index) const {
  if (!showsVerdicts() || index < 0 || index >= verdicts_.size()) return {};
  const auto [low, high] = std::minmax_element(verdicts_.begin(), verdicts_.end());
  const bool probabilities = *low >= 0 && *high <= 1;
  double t = verdicts_[index];
  if (!probabilities) t = *high > *low ? (t - *low) / (*high - *low) : 0.5;
  t = std::clamp(t, 0.0, 1.0);
  // Red (fake) through amber to green (real): readable on the dark frame and on the digits.
  return QColor::fromHsvF(t / 3.0, 0.85, 0.95);
}

void SampleGridView::setRowLabels(const QStringList& labels) {
  if (labels == rowLabels_) return;
  rowLabels_ = labels;
  updateGeometry();
  update();
}

bool SampleGridView::showsRowLabels() const {
  return !grid_.isNull() && !rowLabels_.isEmpty() && rowLabels_.size() == rows();
}

int SampleGridView::labelWidth() const {
  if (!showsRowLabels()) return 0;
  int widest = 0;
  for (const QString& label : rowLabels_) {
    widest = std::max(widest, fontMetrics().horizontalAdvance(label));
  }
  return std::min(widest, kMaxLabelWidth) + kLabelGap;
}

QRect SampleGridView::rowLabelRect(int row) const {
  if (!showsRowLabels() || row < 0 || row >= rows()) return {};
  const Geometry g = geometry();
  const double pitch = cellSide() * g.scale + g.gap;
  const int width = labelWidth();
  return QRect(static_cast<int>(g.origin.x()) - width,
               static_cast<int>(g.origin.y() + g.gap + row * pitch), width - kLabelGap,
               static_cast<int>(cellSide() * g.scale));
}

void SampleGridView::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

void SampleGridView::setCaption(const QString& caption) {
  caption_ = caption;
  update();
}

void SampleGridView::clear() {
  caption_.clear();
  grid_ = QImage();
  iteration_ = -1;
  selected_ = -1;
  update();
}

int SampleGridView::cellSide() const { return grid_.isNull() ? 28 : grid_.width() / columns_; }
int SampleGridView::rows() const {
  return grid_.isNull() ? kSide : std::max(1, grid_.height() / cellSide());
}
int SampleGridView::cellCount() const { return grid_.isNull() ? 0 : columns_ * rows(); }

QImage SampleGridView::cell(int index) const {
  if (index < 0 || index >= cellCount()) return {};
  const int side = cellSide();
  return grid_.copy((index % columns_) * side, (index / columns_) * side, side, side);
}

void SampleGridView::setSelectedCell(int index) {
  selected_ = index;
  update();
}

SampleGridView::Geometry SampleGridView::geometry() const {
  const int side = cellSide();
  const int cols = grid_.isNull() ? kSide : columns_;
  const int labels = labelWidth();
  const int available_w = width() - labels - (cols + 1) * kGap;
  const int available_h = height() - kCaptionHeight - (rows() + 1) * kGap;
  Geometry g;
  g.gap = kGap;
  // A whole number of device pixels per image pixel, so the digits stay crisp at any display
  // scale (at 2x, 3 device pixels per pixel is 1.5 logical pixels).
  const double ratio = devicePixelRatioF();
  const double fit = std::max(
      0.05, std::min(available_w / double(cols * side), available_h / double(rows() * side)));
  const int device = static_cast<int>(fit * ratio);
  // Too little room for one device pixel a pixel: smaller still, so the caption stays in view.
  g.scale = device >= 1 ? device / ratio : fit;
  const double total_w = cols * side * g.scale + (cols + 1) * kGap;
  const double total_h = rows() * side * g.scale + (rows() + 1) * kGap;
  g.origin = QPointF(labels + std::max(0.0, std::floor((width() - labels - total_w) / 2)),
                     std::max(0.0, std::floor((height() - kCaptionHeight - total_h) / 2)));
  return g;
}

int SampleGridView::cellAt(const QPoint& point) const {
  if (grid_.isNull()) return -1;
  const Geometry g = geometry();
  const double cell = cellSide() * g.scale;
  const double pitch = cell + g.gap;
  const QPointF local = QPointF(point) - g.origin - QPointF(g.gap, g.gap);
  if (local.x() < 0 || local.y() < 0) return -1;
  const int col = static_cast<int>(local.x() / pitch);
  const int row = static_cast<int>(local.y() / pitch);
  if (col >= columns_ || row >= rows()) return -1;
  if (local.x() - col * pitch >= cell || local.y() - row * pitch >= cell) return -1;
  return row * columns_ + col;
}

QSize SampleGridView::sizeHint() const {
  return {kSide * 28 * 2 + (kSide + 1) * kGap,
          kSide * 28 * 2 + (kSide + 1) * kGap + kCaptionHeight};
}
QSize SampleGridView::minimumSizeHint() const {
  // Every row of the grid shown (a conditional grid has a row per class) at up to 28 pixels a
  // cell, and the caption under it.
  const int side = std::min(cellSide(), 28);
  const int cols = grid_.isNull() ? kSide : columns_;
  return {labelWidth() + cols * side + (cols + 1) * kGap,
          rows() * side + (rows() + 1) * kGap + kCaptionHeight};
}

void SampleGridView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  const Geometry g = geometry();
  const int side = cellSide();
  const int cols = grid_.isNull() ? kSide : columns_;
  const double cell = side * g.scale;
  const double pitch = cell + g.gap;
  const QRectF area(g.origin, QSizeF(cols * pitch + g.gap, rows() * pitch + g.gap));
  painter.fillRect(area, QColor(70, 70, 70));
  // Crisp pixels, unless the cells are drawn smaller than the images.
  painter.setRenderHint(QPainter::SmoothPixmapTransform, g.scale < 1);
  for (int i = 0; i < cols * rows(); ++i) {
    const int column = i % cols;
    const int row = i / cols;
    const QRectF target(g.origin + QPointF(g.gap + column * pitch, g.gap + row * pitch),
                        QSizeF(cell, cell));
    if (grid_.isNull()) {
      painter.fillRect(target, Qt::black);
    } else {
      painter.drawImage(target, grid_, QRect((i % cols) * side, (i / cols) * side, side, side));
    }
    if (showsVerdicts()) {
      const QColor color = verdictColor(i);
      painter.setPen(QPen(color, 2));
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(target.adjusted(0, 0, -1, -1));
      // A badge in the corner: the share D gives "real", when the cell has room for it.
      const QString text = QString::number(static_cast<int>(std::lround(100 * verdicts_[i])));
      const QSize badge = fontMetrics().size(0, text) + QSize(4, 0);
      if (probabilitiesShown() && cell >= 2.5 * badge.width()) {
        const QRectF box(target.topLeft(), QSizeF(badge));
        painter.fillRect(box, color);
        painter.setPen(Qt::black);
        painter.drawText(box, Qt::AlignCenter, text);
      }
    }
    if (i == selected_ || i == hovered_) {
      painter.setPen(QPen(i == selected_ ? QColor(255, 170, 0) : QColor(120, 180, 255), 2));
      painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }
  }
  painter.setPen(palette().text().color());
  if (showsRowLabels()) {
    for (int row = 0; row < rows(); ++row) {
      const QRect box = rowLabelRect(row);
      painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                       fontMetrics().elidedText(rowLabels_[row], Qt::ElideRight, box.width()));
    }
  }
  painter.drawText(captionRect(), Qt::AlignHCenter | Qt::AlignVCenter, captionText());
}

QString SampleGridView::captionText() const {
  if (!caption_.isEmpty()) return caption_;
  if (iteration_ >= 0 && showsVerdicts()) {
    return tr("Iteration %1 · D's verdict: red fake … green real")
        .arg(QLocale().toString(iteration_));
  }
  if (iteration_ >= 0) return tr("Generated at iteration %1").arg(QLocale().toString(iteration_));
  return placeholder_.isEmpty() ? tr("No samples yet: start training") : placeholder_;
}

QRect SampleGridView::captionRect() const {
  const Geometry g = geometry();
  const double pitch = cellSide() * g.scale + g.gap;
  const int bottom = static_cast<int>(g.origin.y() + rows() * pitch + g.gap);
  return {0, std::min(bottom + 2, height() - kCaptionHeight), width(), kCaptionHeight};
}

void SampleGridView::mousePressEvent(QMouseEvent* event) {
  const int index = cellAt(event->position().toPoint());
  if (index >= 0 && event->button() == Qt::LeftButton) {
    setSelectedCell(index);
    Q_EMIT cellClicked(index);
  }
}

bool SampleGridView::probabilitiesShown() const {
  return std::all_of(verdicts_.begin(), verdicts_.end(), [](float v) { return v >= 0 && v <= 1; });
}

bool SampleGridView::event(QEvent* event) {
  // Over a cell with D's verdict shown, the tooltip says it.
  if (event->type() == QEvent::ToolTip && showsVerdicts()) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = cellAt(help->pos());
    if (index >= 0) {
      const QString verdict =
          probabilitiesShown()
              ? tr("D calls this sample real with probability %1%.")
                    .arg(100 * verdicts_[index], 0, 'f', 0)
              : tr("The critic scores this sample %1 (the grid's range: red lowest, green "
                   "highest).")
                    .arg(verdicts_[index], 0, 'g', 3);
      QToolTip::showText(help->globalPos(),
                         verdict + QLatin1Char(' ') + tr("Click the cell to explore it."), this);
      return true;
    }
  }
  // Over a conditional grid's cell, the tooltip names the class its row draws.
  if (event->type() == QEvent::ToolTip && showsRowLabels()) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = cellAt(help->pos());
    int row = index >= 0 ? index / columns_ : -1;
    for (int r = 0; r < rows() && row < 0; ++r) {
      if (rowLabelRect(r).contains(help->pos())) row = r;
    }
    if (row >= 0) {
      QToolTip::showText(help->globalPos(),
                         tr("Class “%1” (row %2): the generator is asked for this class in "
                            "every cell of the row. Click a cell to explore it.")
                             .arg(rowLabels_[row])
                             .arg(row + 1),
                         this);
      return true;
    }
  }
  return QWidget::event(event);
}

void SampleGridView::mouseMoveEvent(QMouseEvent* event) {
  const int index = cellAt(event->position().toPoint());
  if (index != hovered_) {
    hovered_ = index;
    setCursor(index >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    update();
  }
}

}  // namespace ui
