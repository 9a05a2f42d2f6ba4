#include "ui/explorer/drawing_pad.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTabletEvent>
#include <algorithm>

namespace ui {

DrawingPad::DrawingPad(QWidget* parent) : QWidget(parent) {
  setFixedSize(kPadSize, kPadSize);
  setCursor(Qt::CrossCursor);
  setAttribute(Qt::WA_StaticContents);
  setFocusPolicy(Qt::StrongFocus);
  setToolTip(
      tr("Draw with the mouse or a pen; Project Drawing finds the latent vector whose image "
         "is closest"));
  setAccessibleName(tr("Drawing pad"));
  setSide(28);
}

void DrawingPad::setSide(int side) {
  side_ = std::clamp(side, 8, 256);
  canvas_ = QImage(side_ * kSupersample, side_ * kSupersample, QImage::Format_Grayscale8);
  clear();
}

void DrawingPad::setBrush(double diameter) { brush_ = std::clamp(diameter, 0.5, 12.0); }

void DrawingPad::clear() {
  canvas_.fill(0);
  blank_ = true;
  update();
  Q_EMIT changed();
}

QSize DrawingPad::sizeHint() const { return {kPadSize, kPadSize}; }

QRectF DrawingPad::canvasRect() const {
  const double edge = std::min(width(), height());
  return {(width() - edge) / 2, (height() - edge) / 2, edge, edge};
}

QPointF DrawingPad::toCanvas(const QPointF& widgetPoint) const {
  const QRectF area = canvasRect();
  return (widgetPoint - area.topLeft()) * (side_ / area.width());
}

void DrawingPad::drawTo(const QPointF& point, double pressure) {
  QPainter painter(&canvas_);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const double width = brush_ * kSupersample * std::clamp(pressure, 0.2, 1.5);
  painter.setPen(QPen(Qt::white, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  painter.drawLine(last_ * kSupersample, point * kSupersample);
  last_ = point;
  blank_ = false;
  update();
}

void DrawingPad::stroke(const QVector<QPointF>& points, double pressure) {
  if (points.isEmpty()) return;
  last_ = points.front();
  for (const QPointF& point : points) drawTo(point, pressure);
  Q_EMIT changed();
}

void DrawingPad::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  drawing_ = true;
  last_ = toCanvas(event->position());
  drawTo(last_, 1.0);  // a click is a dot
}

void DrawingPad::mouseMoveEvent(QMouseEvent* event) {
  if (drawing_) drawTo(toCanvas(event->position()), 1.0);
}

void DrawingPad::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !drawing_) return;
  drawing_ = false;
  Q_EMIT changed();
}

void DrawingPad::tabletEvent(QTabletEvent* event) {
  // A pen: its pressure (0..1, 0.5 a typical stroke) scales the brush.
  const QPointF point = toCanvas(event->position());
  const double pressure = 2.0 * event->pressure();
  switch (event->type()) {
    case QEvent::TabletPress:
      drawing_ = true;
      last_ = point;
      drawTo(point, pressure);
      break;
    case QEvent::TabletMove:
      if (drawing_) drawTo(point, pressure);
      break;
    case QEvent::TabletRelease:
      if (drawing_) Q_EMIT changed();
      drawing_ = false;
      break;
    default:
      break;
  }
  event->accept();
}

void DrawingPad::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QRectF area = canvasRect();
  painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
  painter.drawImage(area, canvas_);
  // The generator's pixel grid, faintly, so a person sees the scale the brush works at.
  painter.setPen(QColor(255, 255, 255, 18));
  const double cell = area.width() / side_;
  for (int i = 4; i < side_; i += 4) {
    painter.drawLine(QPointF(area.left() + i * cell, area.top()),
                     QPointF(area.left() + i * cell, area.bottom()));
    painter.drawLine(QPointF(area.left(), area.top() + i * cell),
                     QPointF(area.right(), area.top() + i * cell));
  }
  painter.setPen(palette().color(QPalette::Mid));
  painter.drawRect(area.adjusted(0, 0, -1, -1));
  if (blank_) {
    painter.setPen(QColor(200, 200, 200));
    painter.drawText(area.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Draw here"));
  }
}

}  // namespace ui
