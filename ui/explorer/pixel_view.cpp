#include "ui/explorer/pixel_view.h"

#include <QPainter>
#include <algorithm>

namespace ui {

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
    painter.fillRect(rect(), QColor(40, 40, 40));
    painter.setPen(QColor(200, 200, 200));
    painter.drawText(rect().adjusted(6, 6, -6, -6), Qt::AlignCenter | Qt::TextWordWrap,
                     placeholder_);
    return;
  }
  const int scale = std::max(1, std::min(width() / image_.width(), height() / image_.height()));
  const QSize size = image_.size() * scale;
  const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(target, image_);
}

}  // namespace ui
