// The quality meter's classifier and image shape, for the layers above that look inside images
// (model/inspect/: projection's perceptual term, nearest training images). Internal: LibTorch.
#pragma once

#include "model/io/images.h"
#include "model/quality/classifier.h"
#include "model/quality/quality_meter.h"

namespace gs {

struct MeterAccess {
  static Classifier classifier(const QualityMeter& meter);
  // The shape the meter scores images at (samples of other shapes are scaled to it).
  static ImageShape shape(const QualityMeter& meter);
};

}  // namespace gs
