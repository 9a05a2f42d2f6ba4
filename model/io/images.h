// Images as plain bytes (grayscale or RGB), grids of them, and PNG files (libpng). No LibTorch
// here.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/core/grid.h"

namespace gs {

// One image, row-major, 0 = black: grayscale (1 channel) or RGB (3, a pixel's channels side by
// side).
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * channels bytes
  int channels = 1;
};

// `count` square images of side x side x channels bytes each, back to back (what a generator
// produces).
struct ImageBatch {
  int count = 0;
  int side = 0;
  std::vector<uint8_t> pixels;
  int channels = 1;

  Image image(int index) const;
  size_t image_bytes() const { return static_cast<size_t>(side) * side * channels; }
};

// The image with `channels` channels: RGB to gray by luminance (ITU-R BT.601), gray to RGB by
// repeating.
Image with_channels(const Image& image, int channels);

struct GridLayout {
  int columns = kGridColumns;
  int gap = 2;    // pixels between cells (and around them), before scaling
  int scale = 1;  // nearest-neighbour magnification, 1..10
  uint8_t gap_value = 96;
};

// Tiles the batch row by row into a grid.
Image tile_grid(const ImageBatch& batch, const GridLayout& layout);

// The images side by side in one row, with the layout's gap and scale (interpolation strips).
Image tile_strip(const std::vector<Image>& images, const GridLayout& layout);

// Whether an RGB image is gray: each pixel's three channels equal (a colour run's grid is not).
bool is_gray(const Image& rgb);

// Nearest-neighbour magnification.
Image scale_nearest(const Image& image, int factor);

// PNG bytes of an 8-bit grayscale or RGB image.
std::string encode_png(const Image& image);
// Writes a PNG atomically; throws Error naming the path on failure.
void write_png(const std::string& path, const Image& image);
// What an image file may be: at most this many bytes, and at most this many pixels decoded (a
// 64-megapixel RGB image is 192 MB); larger ones are refused, named, before any allocation.
inline constexpr uint64_t kMostImageFileBytes = uint64_t{128} << 20;
inline constexpr uint64_t kMostImagePixels = 64'000'000;

// Decodes a PNG file (any colour type) to 8-bit grayscale, or RGB when `channels` is 3; throws
// Error naming the path. Transparent and translucent pixels (an alpha channel, a palette's or a
// gray image's transparency) are composited on `background` (RGB; its luminance for grayscale):
// the colour a fully transparent pixel happens to hold never shows.
Image read_png(const std::string& path, int channels = 1,
               std::array<uint8_t, 3> background = {255, 255, 255});

}  // namespace gs
