#include "ui/explorer/look_inside.h"

#include <QColor>
#include <algorithm>
#include <cmath>

namespace ui {

namespace {

// The verdict's colours (the grid's frames): green real, red fake.
constexpr QRgb kReal = qRgb(60, 200, 90);
constexpr QRgb kFake = qRgb(230, 60, 60);

// How opaque a value's colour is: in proportion, so the map's strong places stand out of the
// weak ones around them.
double opacity(float value) { return std::clamp(std::abs(value), 0.0f, 1.0f) * 0.9; }

QRgb blend(QRgb under, QRgb over, double alpha) {
  auto mix = [alpha](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * alpha)); };
  return qRgb(mix(qRed(under), qRed(over)), mix(qGreen(under), qGreen(over)),
              mix(qBlue(under), qBlue(over)));
}

}  // namespace

QColor saliencyColor(float value) {
  return QColor(blend(qRgb(0, 0, 0), value >= 0 ? kReal : kFake, opacity(value)));
}

QImage overlaySaliency(const QImage& image, const SaliencyMap& map) {
  if (image.isNull() || map.side != image.width() || map.side != image.height() ||
      map.values.size() != qsizetype{map.side} * map.side) {
    return image;
  }
  // The image in grey, dimmed a little so the colours read on white strokes too.
  QImage out =
      image.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32);
  for (int y = 0; y < out.height(); ++y) {
    auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < out.width(); ++x) {
      const float value = map.values[y * map.side + x];
      const int grey = qRed(line[x]) * 3 / 4;
      line[x] = blend(qRgb(grey, grey, grey), value >= 0 ? kReal : kFake, opacity(value));
    }
  }
  return out;
}

}  // namespace ui
