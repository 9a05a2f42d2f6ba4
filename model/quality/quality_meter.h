// The quality meter: how good and how varied a generator's samples are, measured live on a CPU.
// Samples and held-out real images go through a classifier of the data set's classes (a LeNet-sized
// CNN trained by GanStudio: shipped for the embedded digits, trained on first use and cached for
// any other labelled data set; for unlabelled data, the same network taught on first use to tell
// which way the person's own pictures were turned), and the scores compare the two sets of
// features (QualityScores). Grayscale data is seen at 28 x 28, colour data in RGB at its size. The
// real side's statistics are computed once per data set and cached. One code path serves the run's
// live measurements and `ganstudio-cli evaluate`, so their numbers agree. No LibTorch types here.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/data/image_set.h"
#include "model/io/images.h"
#include "model/metrics/quality_request.h"
#include "model/metrics/quality_scores.h"

namespace gs {

// The latent vectors of the meter's samples come from this seed, so measurements at different
// iterations (and of different checkpoints) score the same z.
inline constexpr uint64_t kQualitySeed = 20261128;

struct MeterOptions {
  // Where trained classifiers and real-image statistics are kept ("": default_quality_cache()).
  std::string cache_dir;
  // Progress of slow preparations (training a classifier): what, and 0..1.
  std::function<void(const std::string& what, double fraction)> progress;
  // LibTorch threads for training a classifier (0: as the calling thread has them). A trained
  // classifier is the same bit for bit for the same data and thread count.
  int threads = 0;
  // Optimizer steps for training a classifier (0: ClassifierTraining's budget); tests use few.
  int64_t classifier_steps = 0;
};

// A sample's nearest images of the data set in the meter's feature space (what a copy would be).
struct NearestImages {
  std::vector<int64_t> indices;   // of the data set, nearest first
  std::vector<double> distances;  // in feature space
  ImageBatch images;              // those images, at the meter's shape
  // The held-out images' median distance to their nearest other image of the data set (what a
  // new image of the data's kind typically has), and the memorisation figure's threshold.
  double typical = 0;
  double threshold = 0;
};

// $XDG_CACHE_HOME/GanStudio/quality, or ~/.cache/GanStudio/quality.
std::string default_quality_cache();

class QualityMeter {
 public:
  // Prepares the meter for a data set: its classifier (shipped, cached or trained now) and the
  // statistics of its held-out images (cached). Throws Error.
  static QualityMeter for_data(const ImageSet& original, const MeterOptions& options = {});
  // The meter for a run's data set as the run sees it: its path loaded at the run's size,
  // channels and background (image_shape), so live measurements and `evaluate` agree.
  static QualityMeter for_run(const RunConfig& config, const MeterOptions& options = {});
  ~QualityMeter();
  QualityMeter(QualityMeter&&) noexcept;
  QualityMeter& operator=(QualityMeter&&) noexcept;

  // Scores `samples` (at least 2, of any size and channels: they are scaled and converted to the
  // classifier's shape) against the held-out real images. `requested`: the class each sample was
  // drawn for by a conditional generator (one each; empty otherwise), for conditional_accuracy.
  QualityScores score(const ImageBatch& original, const std::vector<int>& requested = {}) const;
  // Generates the request's samples (from kQualitySeed, as `ganstudio-cli evaluate` does for a
  // checkpoint) and scores them.
  QualityScores measure(const QualityRequest& request) const;

  // "digits classifier (shipped; 98.9% on 2,000 held-out images), 2,000 held-out images"
  const std::string& description() const;
  // The classifier's accuracy on the held-out images (NaN for unlabelled data).
  double held_out_accuracy() const;
  // The held-out real images the scores compare with.
  const ImageBatch& held_out() const;
  // The `count` images of the data set nearest to the first image of `sample` (any size and
  // channels). The first call computes the data set's features (cached).
  NearestImages nearest_training_images(const ImageBatch& sample, int count = 5) const;

 private:
  friend struct MeterAccess;  // model/quality/meter_access.h: its classifier, for model/inspect/
  struct Impl;
  explicit QualityMeter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The meter's split of a data set: a fixed permutation (the same on every machine), the last 20% of
// it held out from the classifier's training (at most 5,000 of them used as the real side).
struct DataSplit {
  std::vector<int64_t> train;
  std::vector<int64_t> held_out;
};
DataSplit split_data(int64_t count);

// A 64-bit fingerprint of the data set's pixels, shape and labels (the caches' key).
uint64_t data_fingerprint(const ImageSet& data);

// Trains the classifier for a labelled data set and writes it as a classifier file (the format the
// cache uses and the shipped digits classifier has): `ganstudio-cli classifier`. Returns the
// held-out accuracy. Deterministic for a given data set and thread count.
double train_classifier_file(const ImageSet& data, const std::string& path,
                             const MeterOptions& options = {});

}  // namespace gs
