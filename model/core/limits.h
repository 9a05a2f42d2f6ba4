// The most iterations a run may plan (training.iterations' bound, and other iteration counts'). A
// run planned to it is open-ended: a sweep's time-limited trial stops on its clock, not at an
// iteration, so the window shows its iterations without a total or a time left. Header-only and
// std-only (model/core): ui/ and model/ both include it.
#pragma once

#include <cstdint>

namespace gs {

inline constexpr int64_t kMostIterations = 1000000000;

}  // namespace gs
