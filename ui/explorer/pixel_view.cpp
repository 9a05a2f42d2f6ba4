#include "ui/explorer/pixel_view.h"

#include <QPainter>
#include <algorithm>

namespace ui {

namespace {
constexpr int kMarkerHeight = 8;
}  // namespace

PixelView::PixelView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PixelView::setImage(const QImage& image) {
  image_ = image;
  update();
}

void PixelView::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

QSize PixelView::sizeHint() const {
  const QSize base = image_.isNull() ? QSize(28, 28) : image_.size();
  return base * preferredScale_;
}

QSize PixelView::minimumSizeHint() const { return image_.isNull() ? QSize(56, 56) : image_.size(); }

void PixelView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  if (image_.isNull()) {
    painter.fillRect(rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(6, 6, -6, -6), Qt::AlignCenter | Qt::TextWordWrap,
                     placeholder_);
    return;
  }
  // A whole number of device pixels per image pixel: crisp at any display scale (2x included).
  const double ratio = devicePixelRatioF();
  const int room = height() - (marker_ >= 0 ? kMarkerHeight : 0);
  const int scale = std::max(1, static_cast<int>(std::min(width() * ratio / image_.width(),
                                                          room * ratio / image_.height())));
  const QSizeF size = QSizeF(image_.size()) * (scale / ratio);
  const QRectF target(QPointF((width() - size.width()) / 2, (room - size.height()) / 2), size);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(target, image_);
  if (marker_ >= 0) {
    const double x = target.left() + marker_ * target.width();
    const double top = target.bottom() + 1;
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    const QPointF triangle[3] = {
        {x, top}, {x - 5, top + kMarkerHeight - 1}, {x + 5, top + kMarkerHeight - 1}};
    painter.drawPolygon(triangle, 3);
  }
}

}  // namespace ui
