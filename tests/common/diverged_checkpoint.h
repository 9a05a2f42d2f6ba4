// A checkpoint whose generator weights are NaN: resuming it makes the first iteration's losses NaN,
// which is how the tests reach the divergence handling of the CLI and the window (no fake trainer).
#pragma once

#include <string>

#include "model/config/config.h"

namespace gs::testing {

// Writes `path` for `config` (resolved here) at iteration 5.
void write_diverged_checkpoint(const RunConfig& config, const std::string& path);

}  // namespace gs::testing
