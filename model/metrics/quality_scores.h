// What the quality meter says about a set of samples (model/quality/quality_meter.h): how far they
// are from real images in a classifier's feature space, and how varied they are. No LibTorch here.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace gs {

struct QualityScores {
  int64_t iteration = -1;  // the run's iteration measured (-1: samples from elsewhere)
  int samples = 0;         // how many samples were scored
  // Fréchet distance between the features of the samples and of held-out real images (lower is
  // better; real images against other real images score near 0).
  double fd = NAN;
  // The share of samples closer to an image of the data set than 99% of the held-out real images
  // are to the rest of it: copies of the training data (docs/HEALTH.md). Near 0.01 for new images,
  // near 1 for a generator that returns training images.
  double memorised = NAN;
  // The rest needs a labelled data set (classes > 0); unlabelled data gives the distance only.
  int classes = 0;                // classes of the data set
  int classes_covered = 0;        // classes that hold at least 2% of the samples
  double kl = NAN;                // KL(samples' class histogram || the data's class distribution)
  double confidence = NAN;        // the classifier's mean confidence in its answer
  double precision = NAN;         // share of samples inside the real images' k-NN manifold
  double recall = NAN;            // share of real images inside the samples' k-NN manifold
  std::vector<double> histogram;  // share of samples per class
  // A conditional generator's samples: the share the classifier puts in the class each was asked
  // for (NaN otherwise).
  double conditional_accuracy = NAN;

  bool labelled() const { return classes > 0; }
};

}  // namespace gs
