// Animated GIFs of grayscale frames, written with giflib.
#pragma once

#include <array>
#include <cstdint>

#include <string>
#include <vector>

#include "model/io/images.h"

namespace gs {

// GIF89a bytes: every frame the size of the first, 256 gray levels, looping forever; `delay_ms` is
// rounded to GIF's hundredths of a second. Throws Error when frames differ in size or giflib fails.
std::string encode_gif(const std::vector<Image>& frames, int delay_ms);

struct GifInfo {
  int width = 0;
  int height = 0;
  int frames = 0;
  int delay_ms = 0;  // of the first frame
  // The colour (R, G, B) of the first frame's top-left pixel, through the colour map.
  std::array<uint8_t, 3> first_pixel{};
};
// Decodes a GIF file with giflib (what other programs will see); throws Error naming the path.
GifInfo read_gif_info(const std::string& path);

}  // namespace gs
