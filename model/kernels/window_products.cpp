#include "model/kernels/window_products.h"

#include <algorithm>

#include "model/kernels/vector_clones.h"

namespace gs::kernels {

namespace {

// Eight floats in a vector register (AVX2's ymm; two xmm in the baseline clone), loaded and
// stored unaligned.
using V8 = float __attribute__((vector_size(32), aligned(4)));
constexpr int64_t kLanes = 8;

GS_KERNEL_INLINE V8 load8(const float* p) {
  V8 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
GS_KERNEL_INLINE void store8(float* p, V8 v) { __builtin_memcpy(p, &v, sizeof v); }

// A matrix read element by element: (i, k) at row(i)[column(k)]. Strided: a matrix in memory;
// Tabled: windows in a padded buffer (rows and columns are pixels and positions, or the reverse).
struct Strided {
  const float* data;
  int64_t row_stride;
  int64_t column_stride;
  const float* row(int64_t i) const { return data + i * row_stride; }
  int64_t column(int64_t k) const { return k * column_stride; }
};
struct Tabled {
  const float* data;
  const int64_t* rows;
  const int64_t* columns;
  const float* row(int64_t i) const { return data + rows[i]; }
  int64_t column(int64_t k) const { return columns[k]; }
};

// c[i][n0 .. n0 + 8 Vectors) (+)= sum over k of a(i, k) b[k][...] for rows i0 .. i0 + Rows: the
// Rows x Vectors sums stay in registers while k runs (at most 12 of AVX2's 16).
template <int Rows, int Vectors, typename A>
GS_KERNEL_INLINE void block(const A& a, const float* b, int64_t ldb, float* c, int64_t ldc,
                            int64_t i0, int64_t n0, int64_t depth, bool accumulate) {
  V8 acc[Rows][Vectors] = {};
  const float* row[Rows];
  for (int i = 0; i < Rows; ++i) row[i] = a.row(i0 + i);
  for (int64_t k = 0; k < depth; ++k) {
    V8 bv[Vectors];
    for (int j = 0; j < Vectors; ++j) bv[j] = load8(b + k * ldb + n0 + kLanes * j);
    const int64_t column = a.column(k);
    for (int i = 0; i < Rows; ++i) {
      const float ai = row[i][column];
      const V8 av = {ai, ai, ai, ai, ai, ai, ai, ai};
      for (int j = 0; j < Vectors; ++j) acc[i][j] += av * bv[j];
    }
  }
  for (int i = 0; i < Rows; ++i) {
    for (int j = 0; j < Vectors; ++j) {
      float* to = c + (i0 + i) * ldc + n0 + kLanes * j;
      store8(to, accumulate ? load8(to) + acc[i][j] : acc[i][j]);
    }
  }
}

template <int Rows, int Vectors, typename A>
GS_KERNEL_INLINE void column_block(const A& a, const float* b, int64_t ldb, float* c, int64_t ldc,
                                   int64_t rows, int64_t n0, int64_t depth, bool accumulate) {
  int64_t i0 = 0;
  for (; i0 + Rows <= rows; i0 += Rows) {
    block<Rows, Vectors>(a, b, ldb, c, ldc, i0, n0, depth, accumulate);
  }
  for (; i0 < rows; ++i0) block<1, Vectors>(a, b, ldb, c, ldc, i0, n0, depth, accumulate);
}

// c[rows][columns] (+)= a(rows x depth) b[depth][columns]: a small matrix product, columns in
// blocks of 32, 16 and 8, the rest one by one.
template <typename A>
GS_KERNEL_INLINE void product(const A& a, const float* b, int64_t ldb, float* c, int64_t ldc,
                              int64_t rows, int64_t columns, int64_t depth, bool accumulate) {
  int64_t n0 = 0;
  for (; n0 + 4 * kLanes <= columns; n0 += 4 * kLanes) {
    column_block<2, 4>(a, b, ldb, c, ldc, rows, n0, depth, accumulate);
  }
  for (; n0 + 2 * kLanes <= columns; n0 += 2 * kLanes) {
    column_block<4, 2>(a, b, ldb, c, ldc, rows, n0, depth, accumulate);
  }
  for (; n0 + kLanes <= columns; n0 += kLanes) {
    column_block<8, 1>(a, b, ldb, c, ldc, rows, n0, depth, accumulate);
  }
  for (; n0 < columns; ++n0) {
    for (int64_t i = 0; i < rows; ++i) {
      float sum = 0.0F;
      for (int64_t k = 0; k < depth; ++k) sum += a.row(i)[a.column(k)] * b[k * ldb + n0];
      c[i * ldc + n0] = accumulate ? c[i * ldc + n0] + sum : sum;
    }
  }
}

}  // namespace

WindowTables::WindowTables(const Geometry& g) {
  const int64_t side = g.padded_side();
  pixel.reserve(g.pixels());
  for (int64_t oy = 0; oy < g.oh; ++oy) {
    for (int64_t ox = 0; ox < g.ow; ++ox) {
      pixel.push_back((oy * g.stride * side + ox * g.stride) * g.few);
    }
  }
  position.reserve(g.window());
  for (int64_t ky = 0; ky < g.k; ++ky) {
    for (int64_t kx = 0; kx < g.k; ++kx) {
      for (int64_t c = 0; c < g.few; ++c) position.push_back((ky * side + kx) * g.few + c);
    }
  }
}

// Image row y (column x) lies at padded row y + padding; rows past the padded side are read by
// no window.
void pad_sample(const Geometry& g, const float* image, int64_t b, float* padded) {
  const int64_t side = g.padded_side();
  std::fill(padded, padded + g.padded_size(), 0.0F);
  const int64_t columns = std::min(g.w, side - g.padding);
  const float* sample = image + b * g.image_size();
  for (int64_t y = 0; y < g.h && y + g.padding < side; ++y) {
    std::copy(sample + y * g.w * g.few, sample + (y * g.w + columns) * g.few,
              padded + ((y + g.padding) * side + g.padding) * g.few);
  }
}

void unpad_sample(const Geometry& g, const float* padded, int64_t b, float* image) {
  const int64_t side = g.padded_side();
  const int64_t columns = std::min(g.w, side - g.padding);
  float* sample = image + b * g.image_size();
  std::fill(sample, sample + g.image_size(), 0.0F);
  for (int64_t y = 0; y < g.h && y + g.padding < side; ++y) {
    const float* from = padded + ((y + g.padding) * side + g.padding) * g.few;
    std::copy(from, from + columns * g.few, sample + y * g.w * g.few);
  }
}

GS_KERNEL_CLONES
void windows_times_weights(const Geometry& g, const WindowTables& tables, const float* padded,
                           const float* weights, float* features) {
  product(Tabled{padded, tables.pixel.data(), tables.position.data()}, weights, g.wide, features,
          g.wide, g.pixels(), g.wide, g.window(), false);
}

GS_KERNEL_CLONES
void add_window_products(const Geometry& g, const WindowTables& tables, const float* padded,
                         const float* features, float* sums) {
  // sums (window x wide) += windows^T (window x pixels) features (pixels x wide).
  product(Tabled{padded, tables.position.data(), tables.pixel.data()}, features, g.wide, sums,
          g.wide, g.window(), g.wide, g.pixels(), true);
}

GS_KERNEL_CLONES
void add_to_windows(const Geometry& g, const WindowTables& tables, const float* features,
                    const float* weights_t, float* rows, float* padded) {
  const int64_t window = g.window();
  product(Strided{features, g.wide, 1}, weights_t, window, rows, window, g.pixels(), window, g.wide,
          false);
  for (int64_t p = 0; p < g.pixels(); ++p) {
    float* to = padded + tables.pixel[p];
    const float* from = rows + p * window;
    for (int64_t t = 0; t < window; ++t) to[tables.position[t]] += from[t];
  }
}

GS_KERNEL_CLONES
void leaky_in_place(float* __restrict x, int64_t count, float slope) {
  for (int64_t i = 0; i < count; ++i) x[i] = x[i] > 0.0F ? x[i] : x[i] * slope;
}

GS_KERNEL_CLONES
void leaky_gradient(const float* __restrict out, const float* __restrict grad, int64_t count,
                    float slope, float* __restrict before) {
  for (int64_t i = 0; i < count; ++i) before[i] = out[i] > 0.0F ? grad[i] : grad[i] * slope;
}

}  // namespace gs::kernels
