// The sample grid every view of a run shares: the fixed latent batch drawn as 8 x 8 cells (the
// run folder's samples/, the window's grid, the explorer's cell clicks, exports). Header-only and
// std-only (model/core): ui/ and model/ both include it.
#pragma once

namespace gs {

inline constexpr int kGridColumns = 8;
inline constexpr int kGridSamples = kGridColumns * kGridColumns;

}  // namespace gs
