#include "model/kernels/adam_update.h"

#include <cmath>

#include "model/kernels/vector_clones.h"

namespace gs::kernels {

GS_KERNEL_CLONES
float adam_update(float* __restrict param, const float* __restrict grad, float* __restrict m,
                  float* __restrict v, int64_t count, const AdamCoefficients& k) {
  float squares = 0;
  for (int64_t i = 0; i < count; ++i) {
    const float g = grad[i];
    squares += g * g;
    m[i] = k.beta1 * m[i] + k.one_minus_beta1 * g;
    v[i] = k.beta2 * v[i] + k.one_minus_beta2 * (g * g);
    param[i] -= k.step_size * (m[i] / (std::sqrt(v[i]) / k.root_correction2 + k.eps));
  }
  return squares;
}

}  // namespace gs::kernels
