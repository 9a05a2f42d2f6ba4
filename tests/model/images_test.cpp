#include "model/io/images.h"

#include <gtest/gtest.h>

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
