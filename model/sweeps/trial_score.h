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
  // The scores of the newest checkpoint, with its iteration. Throws Error naming the run (no
  // checkpoint, a damaged one, its data set unreadable).
  QualityScores score(const std::string& run_folder, int samples);

 private:
  MeterOptions options_;
  std::map<std::string, std::unique_ptr<QualityMeter>> meters_;  // by data set and shape
};

// Keeps a trial's score with the run, as the trainer keeps its own measurements: a row of its
// quality.csv (what opening or comparing the trial shows, and what a resumed rung keeps) and the
// scalars of TensorBoard's HParams tab. Throws Error naming the file that could not be written.
void record_trial_score(const std::string& run_folder, const QualityScores& scores);

}  // namespace gs
