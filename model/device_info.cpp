#include "model/device_info.h"

#ifdef GANSTUDIO_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif

namespace gs {

std::string cuda_device_name(int index) {
#ifdef GANSTUDIO_WITH_CUDA
  return at::cuda::getDeviceProperties(index)->name;
#else
  return "CUDA device " + std::to_string(index);
#endif
}

}  // namespace gs
