#include "model/bench/expected_speed.h"

#include <cstdlib>

namespace gs {

namespace {

// docs/PERFORMANCE.md, this 2-core machine:
//  - 28 x 28 grayscale, the embedded digits: 1,264 iterations in the first minute, FD 43.9 and
//    every class drawn ("Quality per minute"; the meter's distance of recognisable digits).
//  - 32 x 32 and 64 x 64 RGB, 1,774 icons in 10 classes with augmentation ("Your own pictures"):
//    5,923 iterations in 5 minutes at 32 px, icon-like grids from about 3,000; 4,583 in 10 minutes
//    at 64 px, the first glyphs at 3,000 and icon-like grids from about 4,000.
constexpr SpeedExpectation kMeasured[] = {
    {28, 1, 21.0, 1300, false},
    {32, 3, 19.7, 3000, true},
    {64, 3, 7.6, 4000, true},
};

}  // namespace

std::optional<SpeedExpectation> cpu_expectation(const RunConfig& config) {
  if (config.model.preset && *config.model.preset != Preset::Compact) return std::nullopt;
  if (!config.model.g_widths.empty() || !config.model.d_widths.empty()) return std::nullopt;
  // The same colours first, then the nearest size.
  const auto distance = [&config](const SpeedExpectation& m) {
    return (m.channels == config.data.channels ? 0 : 1000) +
           std::abs(m.side - config.data.image_size);
  };
  const SpeedExpectation* best = &kMeasured[0];
  for (const SpeedExpectation& m : kMeasured) {
    if (distance(m) < distance(*best)) best = &m;
  }
  return *best;
}

}  // namespace gs
