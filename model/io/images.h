// Grayscale images as plain bytes, grids of them, and PNG files (libpng). No LibTorch here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/core/grid.h"

namespace gs {

// One grayscale image, row-major, 0 = black.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

// `count` square images of side x side bytes each, back to back (what a generator produces).
struct ImageBatch {
  int count = 0;
  int side = 0;
  std::vector<uint8_t> pixels;

  GrayImage image(int index) const;
};

struct GridLayout {
  int columns = kGridColumns;
  int gap = 2;    // pixels between cells (and around them), before scaling
  int scale = 1;  // nearest-neighbour magnification, 1..10
  uint8_t gap_value = 96;
};

// Tiles the batch row by row into a grid.
GrayImage tile_grid(const ImageBatch& batch, const GridLayout& layout);

// The images side by side in one row, with the layout's gap and scale (interpolation strips).
GrayImage tile_strip(const std::vector<GrayImage>& images, const GridLayout& layout);

// Nearest-neighbour magnification.
GrayImage scale_nearest(const GrayImage& image, int factor);

// PNG bytes of an 8-bit grayscale image.
std::string encode_png(const GrayImage& image);
// Writes a PNG atomically; throws Error naming the path on failure.
void write_png(const std::string& path, const GrayImage& image);
// Decodes a PNG file (any colour type) to 8-bit grayscale; throws Error naming the path.
GrayImage read_png(const std::string& path);

}  // namespace gs
