// What the explorer shows of the inside of the networks, as plain Qt values: where D looks in the
// preview (a saliency map drawn over it) and G's layers (each block's feature maps).
#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace ui {

// D's saliency for the preview: side x side values in -1..1 (> 0: brightening the pixel makes D
// say "real"; < 0: "fake"), and D's output on the image.
struct SaliencyMap {
  int side = 0;
  QVector<float> values;
  double score = 0;
  bool probability = true;  // false: a critic's score
};

// One of G's blocks: the feature maps shown (grey, scaled over the block) and which channels.
struct LayerImages {
  QString name;  // "block 1"
  int channels = 0;
  QVector<QImage> maps;
  QVector<int> shown;
  float low = 0, high = 0;  // the activations black and white stand for
};

// `image` (the preview) in grey with the map over it: green where brightening looks real to D,
// red where it looks fake, the stronger the more opaque. Same size as the image, RGB.
QImage overlaySaliency(const QImage& image, const SaliencyMap& map);

// The colour the overlay gives a value of the map (-1..1) over black: for the legend.
QColor saliencyColor(float value);

}  // namespace ui

Q_DECLARE_METATYPE(ui::SaliencyMap)
Q_DECLARE_METATYPE(ui::LayerImages)
