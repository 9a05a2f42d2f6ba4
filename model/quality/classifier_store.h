// Where the quality meter's classifier for a data set comes from (internal: LibTorch): the one
// GanStudio ships for the embedded digits, one trained earlier and cached, or one trained now
// (and cached); for unlabelled data, the same network taught to tell which way its pictures were
// turned (trained now or cached).
#pragma once

#include <cstdint>
#include <string>

#include "model/data/image_set.h"
#include "model/quality/classifier.h"
#include "model/quality/quality_meter.h"

namespace gs::quality {

struct ChosenClassifier {
  Classifier classifier{nullptr};
  int classes = 0;        // 0: unlabelled data
  double accuracy = NAN;  // on the held-out images (NaN when untrained)
  std::string weights;    // its weights' bytes (the reference statistics' cache key)
  std::string description;
};

// The classifier for `data` (`fingerprint`: data_fingerprint(data)); trained classifiers are kept
// in `cache_dir`. Throws Error when one must be trained and cannot be.
ChosenClassifier classifier_for(const ImageSet& data, const DataSplit& split, uint64_t fingerprint,
                                const std::string& cache_dir, const MeterOptions& options);

}  // namespace gs::quality
