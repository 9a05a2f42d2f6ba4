// A sweep in TensorBoard's HParams tab: the sweep folder's experiment record (the swept settings
// with their domains, the quality meter's distance and classes covered as metrics) and each
// trial's score as scalars in its run folder (the trials' own event files hold their session
// records: runs/tensorboard_log.h). Both as new event files; failures are Errors naming the file.
#pragma once

#include <cstdint>
#include <string>

#include "model/metrics/quality_scores.h"
#include "model/sweeps/sweep.h"

namespace gs {

inline constexpr const char* kSweepMetricFd = "quality/FD";
inline constexpr const char* kSweepMetricClasses = "quality/classes covered";

// Writes the experiment record into `folder` unless an event file is there already (a resumed
// sweep). Returns the file's path ("" when it was there).
std::string write_sweep_experiment(const std::string& folder, const Sweep& sweep);

// The quality meter's scores of a trial at `iteration`, as the scalars a run's quality rows
// give, in a new event file of `run_folder`.
void write_trial_score(const std::string& run_folder, int64_t iteration,
                       const QualityScores& scores);

}  // namespace gs
