#include "ui/window/app_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace ui {

namespace {

QPixmap paintIcon(int size) {
  QPixmap pixmap(size, size);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  p.scale(size / 64.0, size / 64.0);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0x1e, 0x24, 0x30));
  p.drawRoundedRect(QRectF(0, 0, 64, 64), 10, 10);
  const double opacity[3] = {0.35, 0.6, 1.0};
  for (int i = 0; i < 3; ++i) {
    QColor cell(0xe8, 0xee, 0xf8);
    cell.setAlphaF(opacity[i]);
    p.setBrush(cell);
    p.drawRoundedRect(QRectF(8 + 17 * i, 8, 14, 14), 2, 2);
  }
  p.setBrush(Qt::NoBrush);
  QPainterPath blue(QPointF(10, 52));
  blue.cubicTo(20, 30, 30, 58, 40, 38);
  blue.cubicTo(46, 28, 52, 30, 56, 34);
  p.setPen(QPen(QColor(0x4f, 0xa3, 0xff), 4, Qt::SolidLine, Qt::RoundCap));
  p.drawPath(blue);
  QPainterPath orange(QPointF(10, 44));
  orange.cubicTo(22, 50, 30, 30, 42, 46);
  orange.cubicTo(48, 52, 52, 50, 56, 44);
  p.setPen(QPen(QColor(0xff, 0x8a, 0x3d), 3, Qt::SolidLine, Qt::RoundCap));
  p.drawPath(orange);
  return pixmap;
}

}  // namespace

QIcon appIcon() {
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64, 128, 256}) icon.addPixmap(paintIcon(size));
  return icon;
}

}  // namespace ui
