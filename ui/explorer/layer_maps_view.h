// G's layers for the explorer's vector: a row of small multiples per block (its most active
// channels' feature maps, magnified with crisp pixels), captioned with the block's size. Follows
// the sliders: the explorer gives it new maps with each preview while it is shown.
#pragma once

#include <QVector>
#include <QWidget>

#include "ui/explorer/look_inside.h"

namespace ui {

class LayerMapsView : public QWidget {
  Q_OBJECT

 public:
  explicit LayerMapsView(QWidget* parent = nullptr);

  void setLayers(const QVector<LayerImages>& layers);
  const QVector<LayerImages>& layers() const { return layers_; }
  void setPlaceholder(const QString& text);
  // The tile (block, channel) at a point; {-1, -1} for none.
  QPair<int, int> tileAt(const QPoint& point) const;
  int tileSide() const { return kTile; }

  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;

 private:
  static constexpr int kTile = 34;
  static constexpr int kGap = 3;
  // Where each block's caption and tiles go at the current width.
  struct Row {
    QRect caption;
    QVector<QRect> tiles;
  };
  QVector<Row> layout(int width) const;
  int heightFor(int width) const;

  QVector<LayerImages> layers_;
  QString placeholder_;
};

}  // namespace ui
