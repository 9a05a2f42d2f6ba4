// Adam's update of a range of one parameter's floats (internal, std only): the loop under
// training/adam_step.h, compiled for the vector units as the other kernels are.
#pragma once

#include <cstdint>

namespace gs::kernels {

struct AdamCoefficients {
  float beta1 = 0, beta2 = 0, one_minus_beta1 = 0, one_minus_beta2 = 0;
  float root_correction2 = 0;  // sqrt(1 - beta2^t)
  float step_size = 0;         // lr / (1 - beta1^t)
  float eps = 0;
};

// For i in [0, count): m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;
// p -= step_size * m / (sqrt(v) / root_correction2 + eps). Returns the sum of g^2.
float adam_update(float* param, const float* grad, float* m, float* v, int64_t count,
                  const AdamCoefficients& k);

}  // namespace gs::kernels
