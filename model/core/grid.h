// The sample grid every view of a run shares: the fixed latent batch drawn as 8 x 8 cells (the
// run folder's samples/, the window's grid, the explorer's cell clicks, exports). Header-only and
// std-only (model/core): ui/ and model/ both include it.
#pragma once

namespace gs {

inline constexpr int kGridColumns = 8;
inline constexpr int kGridSamples = kGridColumns * kGridColumns;
// A conditional model's grid has a row per class (the first kMaxGridRows classes), each row
// drawing the same kGridColumns latent vectors.
inline constexpr int kMaxGridRows = 20;

// The cells of a model's grid: kGridSamples, or a row per class when `classes` > 0.
inline constexpr int grid_samples(int classes) {
  return classes > 0 ? (classes < kMaxGridRows ? classes : kMaxGridRows) * kGridColumns
                     : kGridSamples;
}

}  // namespace gs
