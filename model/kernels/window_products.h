// The loops under the few-channel convolutions (internal to model/kernels/, std only). A sample's
// image side is copied into a zero-bordered buffer, so that every window lies wholly inside it;
// a window is then read in place through two offset tables (where its pixel starts, where each of
// its positions lies) and never gathered into a matrix. The products of windows with a layer's
// weights are small matrix products whose sums stay in vector registers. Each loop is compiled
// for AVX-512, AVX2 and the baseline (vector_clones.h).
#pragma once

#include <cstdint>
#include <vector>

namespace gs::kernels {

// Sizes of one layer, in the direct convolution's terms: the image side (h, w, `few` channels)
// and the feature side (oh, ow, `wide` channels), a pixel of the feature side reading a k x k
// window of the image side at (o * stride - padding + tap). A transposed convolution is the same
// geometry with the roles of input and output exchanged. Both sides store channels innermost.
struct Geometry {
  int64_t n = 0, h = 0, w = 0, few = 0;
  int64_t oh = 0, ow = 0, wide = 0;
  int64_t k = 0, stride = 1, padding = 0;
  int64_t window() const { return k * k * few; }
  int64_t pixels() const { return oh * ow; }  // feature pixels per sample
  int64_t image_size() const { return h * w * few; }
  int64_t feature_size() const { return oh * ow * wide; }
  int64_t padded_side() const { return (oh - 1) * stride + k; }  // covers every window
  int64_t padded_size() const { return padded_side() * padded_side() * few; }
};

// Where each feature pixel's window starts in the padded buffer, and where each window position
// (tap-major, then channel) lies from there.
struct WindowTables {
  explicit WindowTables(const Geometry& g);
  std::vector<int64_t> pixel;
  std::vector<int64_t> position;
};

// Sample b of the image side into `padded` (zeros around), and back: the inside of `padded`
// written over sample b.
void pad_sample(const Geometry& g, const float* image, int64_t b, float* padded);
void unpad_sample(const Geometry& g, const float* padded, int64_t b, float* image);

// features[p][0..wide) = sum over positions t of window(p)[t] * weights[t][0..wide)
// (weights: window x wide).
void windows_times_weights(const Geometry& g, const WindowTables& tables, const float* padded,
                           const float* weights, float* features);
// sums[t][c] += sum over pixels p of window(p)[t] * features[p][c]: a weight gradient's share.
void add_window_products(const Geometry& g, const WindowTables& tables, const float* padded,
                         const float* features, float* sums);
// window(p) += features[p] x weights_t (wide x window) for every pixel p, into `padded`; `rows`
// holds pixels x window floats of scratch.
void add_to_windows(const Geometry& g, const WindowTables& tables, const float* features,
                    const float* weights_t, float* rows, float* padded);

// LeakyReLU in place, and the gradient before it from its output and the gradient after it.
void leaky_in_place(float* x, int64_t count, float slope);
void leaky_gradient(const float* out, const float* grad, int64_t count, float slope, float* before);

}  // namespace gs::kernels
