#include "model/training/system_info.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <fstream>
#include <string>

#include "model/training/device_info.h"

namespace gs {

std::vector<std::string> cuda_devices() {
  std::vector<std::string> names;
  if (!torch::cuda::is_available()) return names;
  const int count = static_cast<int>(torch::cuda::device_count());
  for (int i = 0; i < count; ++i) names.push_back(cuda_device_name(i));
  return names;
}

std::string torch_description() {
  return std::string("LibTorch ") + TORCH_VERSION +
         (torch::cuda::is_available() ? " (CUDA)" : " (CPU)");
}

void use_cpu_threads_here(int threads) {
  if (threads > 0 && at::get_num_threads() != threads) at::set_num_threads(threads);
}

double available_memory_bytes() {
  // The kernel's own file (its size reads as 0, so not read_file()).
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kilobytes = 0;
  while (in >> key >> kilobytes) {
    if (key == "MemAvailable:") return kilobytes * 1024;
    in.ignore(64, '\n');
  }
  return 0;
}

}  // namespace gs
