// What the quality meter (model/quality/quality_meter.h) needs to measure a run's generator as it
// is at an iteration: made on the training thread by the run core, measured anywhere.
#pragma once

#include <cstdint>
#include <string>

#include "model/config/config.h"

namespace gs {

inline constexpr int kDefaultQualitySamples = 1000;

struct QualityRequest {
  int64_t iteration = 0;
  RunConfig config;               // resolved
  std::string generator_weights;  // Trainer::generator_weights()
  int samples = kDefaultQualitySamples;
};

}  // namespace gs
