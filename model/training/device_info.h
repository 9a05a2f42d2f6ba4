// Human-readable device names (internal).
#pragma once

#include <string>

namespace gs {

// The CUDA device's name ("NVIDIA H100 80GB HBM3"), or "CUDA device N" when this build cannot ask.
std::string cuda_device_name(int index);

}  // namespace gs
