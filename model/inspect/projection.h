// Projection: the latent vector (and, for a conditional generator, the class) whose image is
// closest to a given picture, by gradient descent on z through the generator (its weights fixed):
// a pixel loss plus, when a classifier is given, a perceptual term on the quality meter's
// classifier features (what makes a 3 look like a 3, not just its pixels). Several random starts
// descend side by side and the best is kept. For `ganstudio-cli project` and the explorer's
// drawing pad. No Qt.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/io/images.h"

namespace gs {

class QualityMeter;
class Sampler;

struct ProjectionOptions {
  int steps = 300;
  int starts = 8;                  // random starting points descending together
  double learning_rate = 0.05;     // Adam on z
  double perceptual_weight = 1.0;  // the classifier features' term (when a meter is given)
  double prior_weight = 1e-3;      // keeps z near the prior: mean of z^2 - 1, squared
  uint64_t seed = 1;
  // Called after each step with the step and the best start's pixel error; return false to stop.
  std::function<bool(int step, double pixel_error)> progress;
  // Called before steps 0, image_every, 2 * image_every, ... with the best start's image then:
  // the explorer shows the projection as it goes.
  std::function<void(int step, const ImageBatch& image)> image_progress;
  int image_every = 10;
};

struct Projection {
  std::vector<float> z;          // noise_dim values
  int class_index = -1;          // the class, for a conditional generator (-1 otherwise)
  ImageBatch image;              // G(z): one image
  double pixel_error = 0;        // mean absolute difference, 0..1 of the pixel range
  double start_pixel_error = 0;  // the best start's, before the first step
  int steps = 0;                 // taken (fewer when progress stopped it)
  // The meter's classifier's reading of the picture and of its projection (-1 without a meter
  // that has classes): the projection should read as the same digit.
  int picture_class = -1;
  int projection_class = -1;
  bool cancelled = false;
};

// The target as the generator's images are: scaled and centre-cropped to its side, converted to its
// channels; a picture drawn dark on light is turned light on dark when the generator's data are
// (its mean brightness decides). `inverted` (optional) says whether it was.
ImageBatch projection_target(const Image& picture, Sampler& sampler, bool* inverted = nullptr);

// Projects `target` (one image, of the generator's shape) into `sampler`'s latent space. A meter
// (optional) adds its classifier's features to the loss and, for a conditional generator, picks
// the class it reads in the target; without one every class is tried. Throws Error.
Projection project(Sampler& sampler, const ImageBatch& target, const ProjectionOptions& options,
                   const QualityMeter* meter = nullptr);

}  // namespace gs
