// Paths through latent space: straight lines and great circles between two vectors. Header-only
// and std-only (model/core): the window's explorer (ui/) and the latent walk video (model/video/)
// both move along them.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace gs {

// (1 - t) a + t b.
inline std::vector<float> lerp(const std::vector<float>& a, const std::vector<float>& b, double t) {
  std::vector<float> out(a.size());
  for (size_t i = 0; i < a.size(); ++i) out[i] = static_cast<float>((1 - t) * a[i] + t * b[i]);
  return out;
}

// Spherical interpolation along the great circle between a and b, with the norm interpolated
// linearly (the usual "slerp" for Gaussian latents); falls back to lerp when a and b are parallel
// or one of them is zero.
inline std::vector<float> slerp(const std::vector<float>& a, const std::vector<float>& b,
                                double t) {
  double norm_a = 0;
  double norm_b = 0;
  double dot = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    norm_a += double(a[i]) * a[i];
    norm_b += double(b[i]) * b[i];
    dot += double(a[i]) * b[i];
  }
  norm_a = std::sqrt(norm_a);
  norm_b = std::sqrt(norm_b);
  if (norm_a < 1e-12 || norm_b < 1e-12) return lerp(a, b, t);
  const double cosine = std::clamp(dot / (norm_a * norm_b), -1.0, 1.0);
  const double omega = std::acos(cosine);
  if (std::sin(omega) < 1e-6) return lerp(a, b, t);
  const double wa = std::sin((1 - t) * omega) / std::sin(omega);
  const double wb = std::sin(t * omega) / std::sin(omega);
  const double norm = (1 - t) * norm_a + t * norm_b;
  std::vector<float> out(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    out[i] = static_cast<float>(norm * (wa * a[i] / norm_a + wb * b[i] / norm_b));
  }
  return out;
}

}  // namespace gs
