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

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
  QString placeholder_;
  int preferredScale_ = 6;
};

}  // namespace ui
