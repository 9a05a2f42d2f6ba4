#include "ui/explorer/layer_maps_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace ui {

LayerMapsView::LayerMapsView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

void LayerMapsView::setLayers(const QVector<LayerImages>& layers) {
  layers_ = layers;
  setMinimumHeight(heightFor(width()));
  updateGeometry();
  update();
}

void LayerMapsView::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

QVector<LayerMapsView::Row> LayerMapsView::layout(int width) const {
  QVector<Row> rows;
  const int captionHeight = fontMetrics().height() + 2;
  const int perLine = std::max(1, (width + kGap) / (kTile + kGap));
  int y = 0;
  for (const LayerImages& layer : layers_) {
    Row row;
    row.caption = QRect(0, y, width, captionHeight);
    y += captionHeight;
    for (int i = 0; i < layer.maps.size(); ++i) {
      row.tiles.append(
          QRect((i % perLine) * (kTile + kGap), y + (i / perLine) * (kTile + kGap), kTile, kTile));
    }
    const int lines = (static_cast<int>(layer.maps.size()) + perLine - 1) / perLine;
    y += lines * (kTile + kGap) + kGap;
    rows.append(row);
  }
  return rows;
}

int LayerMapsView::heightFor(int width) const {
  if (layers_.isEmpty()) return fontMetrics().height() * 3;
  const QVector<Row> rows = layout(width);
  const Row& last = rows.back();
  return (last.tiles.isEmpty() ? last.caption.bottom() : last.tiles.back().bottom()) + kGap + 1;
}

QSize LayerMapsView::sizeHint() const {
  return {8 * (kTile + kGap), heightFor(8 * (kTile + kGap))};
}

void LayerMapsView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  setMinimumHeight(heightFor(width()));
}

QPair<int, int> LayerMapsView::tileAt(const QPoint& point) const {
  const QVector<Row> rows = layout(width());
  for (int b = 0; b < rows.size(); ++b) {
    for (int t = 0; t < rows[b].tiles.size(); ++t) {
      if (rows[b].tiles[t].contains(point)) return {b, t};
    }
  }
  return {-1, -1};
}

bool LayerMapsView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const auto [block, tile] = tileAt(help->pos());
    if (block >= 0) {
      const LayerImages& layer = layers_[block];
      QToolTip::showText(help->globalPos(),
                         tr("%1, channel %2 of %3: black is %4, white %5")
                             .arg(layer.name)
                             .arg(layer.shown.value(tile))
                             .arg(layer.channels)
                             .arg(layer.low, 0, 'g', 3)
                             .arg(layer.high, 0, 'g', 3),
                         this);
    } else {
      QToolTip::hideText();
    }
    return true;
  }
  return QWidget::event(event);
}

void LayerMapsView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  if (layers_.isEmpty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap,
                     placeholder_);
    return;
  }
  const QVector<Row> rows = layout(width());
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  for (int b = 0; b < rows.size(); ++b) {
    const LayerImages& layer = layers_[b];
    const int side = layer.maps.isEmpty() ? 0 : layer.maps.front().width();
    painter.setPen(palette().color(QPalette::WindowText));
    const QString caption =
        layer.maps.size() < layer.channels
            ? tr("%1: %2 × %2, the %3 most active of %4 channels")
                  .arg(layer.name)
                  .arg(side)
                  .arg(layer.maps.size())
                  .arg(layer.channels)
            : tr("%1: %2 × %2, %3 channels").arg(layer.name).arg(side).arg(layer.channels);
    painter.drawText(rows[b].caption, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(caption, Qt::ElideRight, rows[b].caption.width()));
    for (int t = 0; t < rows[b].tiles.size(); ++t) {
      painter.drawImage(rows[b].tiles[t], layer.maps[t]);
    }
  }
}

}  // namespace ui
