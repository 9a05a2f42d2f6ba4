#include "model/io/images.h"

#include <gtest/gtest.h>
#include <png.h>

#include <cstring>

#include "model/config/config.h"
#include "model/io/error.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

ImageBatch numbered_batch(int count, int side) {
  ImageBatch batch{count, side, {}};
  for (int i = 0; i < count; ++i) {
    batch.pixels.insert(batch.pixels.end(), static_cast<size_t>(side) * side,
                        static_cast<uint8_t>(i * 10));
  }
  return batch;
}

TEST(Images, GridHasCellsGapsAndScale) {
  const ImageBatch batch = numbered_batch(64, 28);
  const Image grid = tile_grid(batch, GridLayout{8, 2, 1, 96});
  EXPECT_EQ(grid.width, 8 * 28 + 9 * 2);
  EXPECT_EQ(grid.height, 8 * 28 + 9 * 2);
  EXPECT_EQ(grid.pixels[0], 96);                          // gap
  EXPECT_EQ(grid.pixels[2 * grid.width + 2], 0);          // cell 0
  EXPECT_EQ(grid.pixels[2 * grid.width + 2 + 30], 10);    // cell 1
  EXPECT_EQ(grid.pixels[(2 + 30) * grid.width + 2], 80);  // cell 8 (second row)
  const Image big = tile_grid(batch, GridLayout{8, 0, 3, 0});
  EXPECT_EQ(big.width, 8 * 28 * 3);
  EXPECT_EQ(big.pixels[3 * 28 * 3], 30);  // nearest-neighbour copy
}

TEST(Images, StripLaysImagesInARow) {
  const ImageBatch batch = numbered_batch(5, 4);
  std::vector<Image> frames;
  for (int i = 0; i < 5; ++i) frames.push_back(batch.image(i));
  const Image strip = tile_strip(frames, GridLayout{8, 1, 2, 255});
  EXPECT_EQ(strip.width, (5 * 4 + 6) * 2);
  EXPECT_EQ(strip.height, (4 + 2) * 2);
}

TEST(Images, PngRoundTrips) {
  TempDir dir;
  Image image{3, 2, {0, 50, 100, 150, 200, 255}};
  write_png(dir.file("x.png"), image);
  const Image back = read_png(dir.file("x.png"));
  EXPECT_EQ(back.width, 3);
  EXPECT_EQ(back.height, 2);
  EXPECT_EQ(back.pixels, image.pixels);
  const std::string bytes = encode_png(image);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
}

// A PNG with an alpha channel (RGBA, or gray + alpha), written by libpng itself.
std::string write_png_with_alpha(const std::string& path, const std::vector<uint8_t>& pixels,
                                 int width, int height, bool gray) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = gray ? PNG_FORMAT_GA : PNG_FORMAT_RGBA;
  EXPECT_TRUE(png_image_write_to_file(&image, path.c_str(), 0, pixels.data(), 0, nullptr));
  return path;
}

TEST(Images, TransparentPixelsNeverBringTheirColourIntoTraining) {
  TempDir dir;
  // Two pixels: an opaque red one, and a fully transparent one holding garbage green.
  const std::string rgba =
      write_png_with_alpha(dir.file("icon.png"), {255, 0, 0, 255, 17, 250, 3, 0}, 2, 1, false);
  const Image on_white = read_png(rgba, 3);  // white by default
  EXPECT_EQ(on_white.pixels, (std::vector<uint8_t>{255, 0, 0, 255, 255, 255}));
  const Image on_black = read_png(rgba, 3, {0, 0, 0});
  EXPECT_EQ(on_black.pixels, (std::vector<uint8_t>{255, 0, 0, 0, 0, 0}));
  const Image on_colour = read_png(rgba, 3, {10, 20, 30});
  EXPECT_EQ(std::vector<uint8_t>(on_colour.pixels.begin() + 3, on_colour.pixels.end()),
            (std::vector<uint8_t>{10, 20, 30}));
  // In grayscale the transparent pixel takes the background's gray, not the garbage's.
  EXPECT_EQ(read_png(rgba, 1, {0, 0, 0}).pixels[1], 0);
  EXPECT_EQ(read_png(rgba, 1).pixels[1], 255);
  // Gray + alpha too: half transparent black on white is mid-gray (composited, not dropped).
  const std::string ga =
      write_png_with_alpha(dir.file("ga.png"), {0, 255, 99, 0, 0, 128}, 3, 1, true);
  const Image gray = read_png(ga, 1);
  EXPECT_EQ(gray.pixels[0], 0);
  EXPECT_EQ(gray.pixels[1], 255);
  EXPECT_GT(gray.pixels[2], 100);
  EXPECT_LT(gray.pixels[2], 230);
}

TEST(Images, ABackgroundIsANameOrAColour) {
  EXPECT_EQ(parse_background("white"), (std::array<uint8_t, 3>{255, 255, 255}));
  EXPECT_EQ(parse_background("gray"), (std::array<uint8_t, 3>{128, 128, 128}));
  EXPECT_EQ(parse_background("#0a10Ff"), (std::array<uint8_t, 3>{10, 16, 255}));
  EXPECT_FALSE(parse_background("#0a10F"));
  EXPECT_FALSE(parse_background("#0a10Fg"));
  EXPECT_FALSE(parse_background("pink"));
}

TEST(Images, DamagedPngIsNamed) {
  TempDir dir;
  testing::write_bytes(dir.file("bad.png"), "\x89PNG garbage");
  try {
    read_png(dir.file("bad.png"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()).rfind(dir.file("bad.png") + ": ", 0), 0u);
  }
}

}  // namespace
}  // namespace gs
