// What a person can expect of the CPU default on an ordinary machine, from measurements on a 2-core
// CPU (docs/PERFORMANCE.md): iterations a second at the run's image size and colours, and how many
// iterations pass before the grid shows recognisable pictures. The settings form says it beside
// the image size, so that nobody waits an hour for what takes minutes, or the reverse.
#pragma once

#include <cstdint>
#include <optional>

#include "model/config/config.h"

namespace gs {

struct SpeedExpectation {
  int side = 28;
  int channels = 1;
  double iterations_per_second = 0;  // the CPU default on 2 cores, augmentation as it defaults
  int64_t first_pictures = 0;        // iterations until the grid shows recognisable pictures
  bool measured_on_folder = false;   // measured on a folder of pictures, not on the digits
};

// The measurement nearest to `config`'s image size and channels, for the CPU default (the
// compact preset at its default widths); nullopt for other presets or widths, which nobody
// measured.
std::optional<SpeedExpectation> cpu_expectation(const RunConfig& config);

}  // namespace gs
