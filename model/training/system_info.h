// What this machine offers for training, without LibTorch types in the interface.
#pragma once

#include <string>
#include <vector>

namespace gs {

// Names of the visible CUDA devices (empty on a CPU-only LibTorch or without a GPU).
std::vector<std::string> cuda_devices();

// "LibTorch 1.13.0 (CPU)" / "LibTorch 2.4.1 (CUDA)".
std::string torch_description();

// The memory this machine can give a new allocation now (MemAvailable of /proc/meminfo), in
// bytes; 0 when it cannot tell.
double available_memory_bytes();

// LibTorch's CPU threads for the operations the calling thread starts (each thread has its own
// setting: the window's generator thread uses one, so the meter leaves the cores to training).
void use_cpu_threads_here(int threads);

}  // namespace gs
