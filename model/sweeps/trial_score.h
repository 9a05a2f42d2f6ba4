// Scores a trial's newest checkpoint with the quality meter, as `ganstudio-cli evaluate` does (G's
// moving average when the run has one, samples from a fixed seed), keeping the meter of each data
// set for the next trial. No LibTorch here.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "model/metrics/quality_scores.h"
#include "model/quality/quality_meter.h"

namespace gs {

class TrialScorer {
 public:
  explicit TrialScorer(MeterOptions options = {}) : options_(std::move(options)) {}
  // Throws Error naming the run (no checkpoint, a damaged one, its data set unreadable).
  QualityScores score(const std::string& run_folder, int samples);

 private:
  MeterOptions options_;
  std::map<std::string, std::unique_ptr<QualityMeter>> meters_;  // by data set and shape
};

}  // namespace gs
