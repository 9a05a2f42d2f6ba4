// D on its own, in inference: a run's discriminator from a checkpoint or from a snapshot of its
// weights, for the explorer's "where D looks". No optimizers, no data. No Qt.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/io/images.h"

namespace gs {

// SmoothGrad (Smilkov et al. 2017): the gradient of D's raw output (its logit, or a critic's
// score) with respect to the pixels, averaged over the image and noisy copies of it. The plain
// gradient of one image is speckled; averaging over small perturbations keeps what holds in the
// neighbourhood. The sign is kept: it is the direction G's next step pushes those pixels (G
// descends its loss, which falls as D's output rises, for every loss GanStudio has).
struct SaliencyOptions {
  int samples = 32;     // the image and samples - 1 noisy copies, in one batch
  double noise = 0.15;  // the copies' noise, a standard deviation in units of the pixel range
  uint64_t seed = 1;    // the noise's
};

struct Saliency {
  int side = 0;
  // side x side values, row-major, summed over the channels and divided by the largest
  // magnitude (so -1..1): > 0 where brightening the pixel makes D say "real", < 0 "fake".
  std::vector<float> values;
  double score = 0;         // D's output on the image, as d_real / d_fake report it
  bool probability = true;  // whether `score` is a probability (false: a critic's score)
  double largest = 0;       // the largest magnitude before scaling (0: D is flat here)
};

class Discriminator {
 public:
  // The discriminator of a checkpoint, on `device`. Throws Error naming the file.
  static Discriminator from_checkpoint(const std::string& path, const std::string& device = "cpu");
  // A discriminator of `resolved_config`'s architecture holding `weights`
  // (Trainer::discriminator_weights()). Throws Error.
  static Discriminator from_weights(const RunConfig& resolved_config, const std::string& weights,
                                    const std::string& device = "cpu");
  ~Discriminator();
  Discriminator(Discriminator&&) noexcept;
  Discriminator& operator=(Discriminator&&) noexcept;

  const RunConfig& config() const;

  // Where D looks in `image` (one image of the run's shape), judged of class `class_index` by a
  // conditional D (ignored otherwise). D judges a batch as in training, with BatchNorm's batch
  // statistics: the image and its copies share the batch with `context` (G's fakes: what a fake
  // batch holds), whose images and `context_classes` (one each, for a conditional D) are not
  // attributed. Changes no weight or statistic. Throws Error on a wrong shape.
  Saliency saliency(const ImageBatch& image, int class_index, const ImageBatch& context,
                    const std::vector<int>& context_classes = {},
                    const SaliencyOptions& options = {});

 private:
  struct Impl;
  explicit Discriminator(std::unique_ptr<Impl> impl);
  static std::unique_ptr<Impl> make_impl(const RunConfig& config, const std::string& device);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
