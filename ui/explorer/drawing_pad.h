// A square pad to draw a picture on with the mouse or a pen (light strokes on a dark ground, as the
// digits are; pen pressure thickens the stroke), for projecting into the generator's latent space.
// The canvas is `side` x `kSupersample` pixels a side, drawn antialiased; picture() is that canvas,
// which projection fits to the generator's size.
#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

namespace ui {

class DrawingPad : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSupersample = 4;
  static constexpr int kPadSize = 168;  // on screen, whatever the side: it fits a laptop's explorer

  explicit DrawingPad(QWidget* parent = nullptr);

  // The generator's image side (28, 32, 64): the brush is measured in its pixels. Clears.
  void setSide(int side);
  int side() const { return side_; }
  // The brush's diameter in the generator's pixels (0.5 .. 12).
  void setBrush(double diameter);
  double brush() const { return brush_; }

  QImage picture() const { return canvas_; }
  bool isBlank() const { return blank_; }
  void clear();
  // Draws a stroke through `points` (in the canvas's generator pixels, 0..side): what a drag
  // does; for tests and scripts.
  void stroke(const QVector<QPointF>& points, double pressure = 1.0);

  QSize sizeHint() const override;

 Q_SIGNALS:
  void changed();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void tabletEvent(QTabletEvent* event) override;

 private:
  QRectF canvasRect() const;
  QPointF toCanvas(const QPointF& widgetPoint) const;  // in generator pixels
  void drawTo(const QPointF& point, double pressure);

  int side_ = 28;
  double brush_ = 2.5;
  QImage canvas_;
  bool blank_ = true;
  bool drawing_ = false;
  QPointF last_;
};

}  // namespace ui
