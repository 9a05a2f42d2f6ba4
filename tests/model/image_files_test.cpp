// Data sets from ordinary files: image folders (PNG and JPEG, sub-folders as classes) and Keras's
// mnist.npz, on real files the tests write.
#include "model/data/image_files.h"

#include <gtest/gtest.h>
#include <jpeglib.h>
#include <minizip/zip.h>
#include <sys/stat.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/images.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

Image filled(int width, int height, uint8_t value) {
  Image image;
  image.width = width;
  image.height = height;
  image.pixels.assign(static_cast<size_t>(width) * static_cast<size_t>(height), value);
  return image;
}

void write_jpeg(const std::string& path, const Image& image) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  jpeg_compress_struct info{};
  jpeg_error_mgr error{};
  info.err = jpeg_std_error(&error);
  jpeg_create_compress(&info);
  jpeg_stdio_dest(&info, file);
  info.image_width = static_cast<JDIMENSION>(image.width);
  info.image_height = static_cast<JDIMENSION>(image.height);
  info.input_components = 1;
  info.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 95, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    auto* row = const_cast<JSAMPLE*>(image.pixels.data() +
                                     static_cast<size_t>(info.next_scanline) * image.width);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::fclose(file);
}

std::string npy(const std::string& descr, const std::string& shape, const std::string& data) {
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  return out + header + data;
}

void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& members) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, bytes] : members) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                    Z_DEFLATED, Z_DEFAULT_COMPRESSION, 1),
              ZIP_OK);
    ASSERT_EQ(zipWriteInFileInZip(zip, bytes.data(), static_cast<unsigned>(bytes.size())), ZIP_OK);
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
}

TEST(ImageFiles, ImagesAreScaledAndCentreCroppedToTheNetworksSide) {
  // 56 x 28: the centre 28 columns, left half black, right half white.
  Image wide = filled(56, 28, 0);
  for (int y = 0; y < 28; ++y)
    for (int x = 28; x < 56; ++x) wide.pixels[static_cast<size_t>(y) * 56 + x] = 255;
  const Image cropped = fit_square(wide, 28);
  ASSERT_EQ(cropped.width, 28);
  EXPECT_EQ(cropped.pixels[5 * 28 + 3], 0);
  EXPECT_EQ(cropped.pixels[5 * 28 + 24], 255);
  // 112 x 112 fine checks: a box filter averages them to grey (no aliasing).
  Image checks = filled(112, 112, 0);
  for (int y = 0; y < 112; ++y)
    for (int x = 0; x < 112; ++x)
      checks.pixels[static_cast<size_t>(y) * 112 + x] = ((x + y) % 2) * 255;
  for (uint8_t v : fit_square(checks, 28).pixels) EXPECT_NEAR(v, 128, 1);
  // A small image grows.
  EXPECT_EQ(fit_square(filled(7, 7, 200), 28).pixels, std::vector<uint8_t>(28 * 28, 200));
}

TEST(ImageFiles, AFolderOfImagesWithClassFoldersLoadsAndListsWhatItCannotRead) {
  TempDir dir;
  const std::string folder = dir.file("pictures");
  fs::create_directories(folder + "/cats");
  fs::create_directories(folder + "/dogs");
  write_png(folder + "/cats/one.png", filled(40, 30, 10));
  write_jpeg(folder + "/cats/two.JPG", filled(64, 64, 30));
  write_png(folder + "/dogs/three.png", filled(28, 28, 250));
  testing::write_bytes(folder + "/dogs/broken.png", "not a png");
  testing::write_bytes(folder + "/dogs/notes.txt", "ignored");
  int64_t reported = 0;
  const ImageSet set = load_image_folder(folder, {}, [&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 4);
    reported = done;
    return true;
  });
  EXPECT_EQ(reported, 4);
  ASSERT_EQ(set.count, 3);
  EXPECT_EQ(set.class_names, (std::vector<std::string>{"cats", "dogs"}));
  EXPECT_EQ(set.labels, (std::vector<uint8_t>{0, 0, 1}));
  EXPECT_EQ(set.pixels.size(), 3u * 28 * 28);
  EXPECT_EQ(set.pixels[0], 10);
  EXPECT_NEAR(set.pixels[28 * 28 + 100], 30, 2);  // JPEG: near the value it was written with
  EXPECT_EQ(set.pixels[2 * 28 * 28], 250);
  ASSERT_EQ(set.skipped.size(), 1u);
  EXPECT_NE(set.skipped[0].find("broken.png"), std::string::npos);
  // Through data.path as any data set, and counted without decoding.
  EXPECT_EQ(load_image_set(folder).count, 3);
  EXPECT_EQ(count_images(folder), 4);  // files: the broken one is found when loading
  // Cancelled.
  EXPECT_THROW(load_image_folder(folder, {}, [](int64_t, int64_t) { return false; }),
               LoadCancelled);
  // A folder with nothing readable says so.
  fs::create_directories(dir.file("empty"));
  try {
    load_image_set(dir.file("empty"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("holds no PNG or JPEG images"), std::string::npos);
  }
}

TEST(ImageFiles, KerasMnistNpzLoadsWithItsLabels) {
  TempDir dir;
  std::string images;
  for (int i = 0; i < 3; ++i) images += std::string(28 * 28, static_cast<char>(i * 100));
  const std::string path = dir.file("mnist.npz");
  write_zip(path, {{"x_train.npy", npy("|u1", "(3, 28, 28)", images)},
                   {"y_train.npy", npy("|u1", "(3,)", std::string("\x07\x02\x09", 3))},
                   {"x_test.npy", npy("|u1", "(0, 28, 28)", "")}});
  const ImageSet set = load_image_set(path);
  ASSERT_EQ(set.count, 3);
  EXPECT_EQ(set.pixels[2 * 28 * 28], 200);
  EXPECT_EQ(set.labels, (std::vector<uint8_t>{7, 2, 9}));
  EXPECT_EQ(count_images(path), 3);
  // 32 x 32 images are centre-cropped; floats and damaged archives are refused by name.
  write_zip(dir.file("big.npz"),
            {{"x_train.npy", npy("|u1", "(1, 32, 32)", std::string(1024, 'a'))}});
  EXPECT_EQ(load_image_set(dir.file("big.npz")).pixels.size(), 28u * 28);
  write_zip(dir.file("float.npz"),
            {{"x_train.npy", npy("<f4", "(1, 28, 28)", std::string(3136, 0))}});
  try {
    load_image_set(dir.file("float.npz"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("holds '<f4'"), std::string::npos);
  }
  testing::write_bytes(dir.file("broken.npz"), "PK\x03\x04 not really");
  EXPECT_THROW(load_image_set(dir.file("broken.npz")), Error);
}

// A PNG's IHDR declaring `width` x `height` 8-bit grayscale, and a few bytes of image data: what a
// decompression bomb's header looks like (74 bytes that would cost gigabytes decoded).
std::string png_declaring(uint32_t width, uint32_t height) {
  std::string png = encode_png(filled(4, 4, 0));
  // The IHDR's width and height (after the 8-byte signature, the length and "IHDR") and its CRC.
  const std::string dims = testing::big_endian32(width) + testing::big_endian32(height);
  png.replace(16, 8, dims);
  const uint32_t crc =
      static_cast<uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17));
  png.replace(29, 4, testing::big_endian32(crc));
  return png;
}

// Files a careless user or an attacker puts into a data folder: each is listed with the reason,
// none ends the load, none is read whole or decoded at full size.
TEST(ImageFiles, HostileFilesInAFolderAreListedAndNeverEndTheLoad) {
  TempDir dir;
  const std::string folder = dir.file("pictures");
  fs::create_directories(folder);
  write_png(folder + "/good.png", filled(28, 28, 99));
  testing::write_bytes(folder + "/bomb.png", png_declaring(100000, 100000));
  fs::create_symlink(folder + "/loop-b.png", folder + "/loop-a.png");
  fs::create_symlink(folder + "/loop-a.png", folder + "/loop-b.png");
  ASSERT_EQ(::mkfifo((folder + "/fifo.png").c_str(), 0600), 0);
  write_jpeg(folder + "/whole.jpg", filled(64, 64, 40));
  const std::string jpeg = read_file(folder + "/whole.jpg");
  testing::write_bytes(folder + "/truncated.jpg", jpeg.substr(0, jpeg.size() - 8));  // in its scan
  testing::write_bytes(folder + "/empty.jpg", "");
  const ImageSet set = load_image_folder(folder);
  EXPECT_EQ(set.count, 2);  // good.png and whole.jpg
  ASSERT_EQ(set.skipped.size(), 6u);
  auto listed = [&](const std::string& file, const std::string& reason) {
    for (const std::string& line : set.skipped) {
      if (line.find(file) != std::string::npos) return line.find(reason) != std::string::npos;
    }
    return false;
  };
  EXPECT_TRUE(listed("bomb.png", "100000 x 100000 pixels; PNG images of more than 64"));
  EXPECT_TRUE(listed("loop-a.png", "Too many levels of symbolic links"));
  EXPECT_TRUE(listed("loop-b.png", "Too many levels of symbolic links"));
  EXPECT_TRUE(listed("fifo.png", "is a FIFO, not a regular file; not read"));
  EXPECT_TRUE(listed("truncated.jpg", "not a readable JPEG (Premature end of JPEG file)"))
      << ::testing::PrintToString(set.skipped);
  EXPECT_TRUE(listed("empty.jpg", "not a readable JPEG"));
}

TEST(ImageFiles, AJpegDecodesAtAReducedSizeWhenItsSideAllowsAndTooManyPixelsAreRefused) {
  TempDir dir;
  write_jpeg(dir.file("big.jpg"), filled(640, 400, 120));
  // 400 / 8 = 50 >= 28: libjpeg decodes at an eighth of the size.
  Image image = read_image_file(dir.file("big.jpg"), 1, 28);
  EXPECT_EQ(image.width, 80);
  EXPECT_EQ(image.height, 50);
  EXPECT_NEAR(image.pixels[1000], 120, 2);
  image = read_image_file(dir.file("big.jpg"), 1, 64);  // 400 / 4 = 100 >= 64
  EXPECT_EQ(image.width, 160);
  EXPECT_EQ(read_image_file(dir.file("big.jpg"), 1).width, 640);  // full size when asked
  testing::write_bytes(dir.file("bomb.png"), png_declaring(30000, 30000));
  try {
    read_image_file(dir.file("bomb.png"), 3, 32);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.file("bomb.png") +
                  ": 30000 x 30000 pixels; PNG images of more than 64 megapixels are not read");
  }
}

TEST(ImageFiles, NpzArchivesAreReadNoFurtherThanTheirHeadersAndBombsAreRefused) {
  TempDir dir;
  auto message = [](const std::string& path) {
    try {
      load_npz(path, {1, 28});
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("loaded");
  };
  // A shape whose product overflows 64 bits.
  write_zip(
      dir.file("overflow.npz"),
      {{"x_train.npy", npy("|u1", "(1099511627776, 1099511627776, 28)", std::string(10, 0))}});
  EXPECT_EQ(message(dir.file("overflow.npz")),
            dir.file("overflow.npz") +
                ": x_train.npy: the shape in the .npy header overflows (more elements than 2^64)");
  // A header that declares more than the member holds: refused before reading the data.
  write_zip(dir.file("short.npz"),
            {{"x_train.npy", npy("|u1", "(100000, 28, 28)", std::string(784, 0))}});
  EXPECT_NE(message(dir.file("short.npz"))
                .find("short.npz: x_train.npy: truncated: its header "
                      "declares 78400000 bytes"),
            std::string::npos);
  // 100 MB of zeros in some 100 kB: refused before a byte of the data is inflated.
  write_zip(
      dir.file("zeros.npz"),
      {{"x_train.npy", npy("|u1", "(100000, 32, 32)", std::string(size_t{100000} * 32 * 32, 0))}});
  EXPECT_NE(message(dir.file("zeros.npz")).find("zeros.npz: x_train.npy: "), std::string::npos);
  EXPECT_NE(message(dir.file("zeros.npz")).find("refused as a likely decompression bomb"),
            std::string::npos)
      << message(dir.file("zeros.npz"));
  // A million 1-pixel images of zeros: a kilobyte stored, 784 MB once scaled to 28 x 28.
  write_zip(dir.file("bomb.npz"),
            {{"x_train.npy", npy("|u1", "(1000000, 1, 1)", std::string(1000000, 0))}});
  EXPECT_NE(message(dir.file("bomb.npz")).find("refused as a likely decompression bomb"),
            std::string::npos);
  EXPECT_EQ(
      message(dir.file("bomb.npz")).rfind(dir.file("bomb.npz") + ": x_train.npy at 28 x 28: ", 0),
      0u);
  // An archive that is a FIFO is refused by its kind, not waited on.
  ASSERT_EQ(::mkfifo(dir.file("fifo.npz").c_str(), 0600), 0);
  EXPECT_NE(message(dir.file("fifo.npz")).find("is a FIFO"), std::string::npos);
}

TEST(ImageFiles, ARunTrainsOnAFolderOfImages) {
  TempDir dir;
  const std::string folder = dir.file("pictures");
  fs::create_directories(folder);
  for (int i = 0; i < 12; ++i)
    write_png(folder + "/" + std::to_string(i) + ".png",
              filled(30, 30, static_cast<uint8_t>(i * 20)));
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.data.path = folder;
  config.outputs.tensorboard = false;
  auto run = TrainingRun::start(config, dir.file("run"));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
  EXPECT_EQ(run->trainer().dataset_size(), 12);
}

}  // namespace
}  // namespace gs
