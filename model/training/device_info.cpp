#include "model/training/device_info.h"

#if defined(GANSTUDIO_WITH_CUDA) && __has_include(<ATen/cuda/CUDAContext.h>) && \
    __has_include(<cuda_runtime_api.h>)
#define GANSTUDIO_CUDA_NAMES 1
#include <ATen/cuda/CUDAContext.h>
#endif

namespace gs {

std::string cuda_device_name(int index) {
#ifdef GANSTUDIO_CUDA_NAMES
  return at::cuda::getDeviceProperties(index)->name;
#else
  return "CUDA device " + std::to_string(index);
#endif
}

}  // namespace gs
