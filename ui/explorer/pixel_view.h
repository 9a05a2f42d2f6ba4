// Shows an image magnified by a whole number, nearest-neighbour (crisp pixels), centred.
#pragma once

#include <QImage>
#include <QWidget>

namespace ui {

class PixelView : public QWidget {
  Q_OBJECT

 public:
  explicit PixelView(QWidget* parent = nullptr);

  void setImage(const QImage& image);
  const QImage& image() const { return image_; }
  void setPlaceholder(const QString& text);
  void setPreferredScale(int scale) {
    preferredScale_ = scale;
    updateGeometry();
  }

  // A mark under the image at this fraction of its width (the strip's t); negative: none.
  void setMarker(double fraction) {
    marker_ = fraction;
    update();
  }
  double marker() const { return marker_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
  QString placeholder_;
  int preferredScale_ = 6;
  double marker_ = -1;
};

}  // namespace ui
