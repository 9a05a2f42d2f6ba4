#include "model/data/idx.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/io/error.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::big_endian32;
using testing::gzip_bytes;
using testing::TempDir;
using testing::write_bytes;

std::string images_file(uint32_t count, uint32_t rows, uint32_t cols, size_t data_bytes) {
  std::string bytes =
      big_endian32(kIdxImagesMagic) + big_endian32(count) + big_endian32(rows) + big_endian32(cols);
  for (size_t i = 0; i < data_bytes; ++i) bytes.push_back(static_cast<char>(i % 251));
  return bytes;
}

// Runs `parse` and returns the error message (empty if nothing was thrown).
template <typename F>
std::string error_of(F parse) {
  try {
    parse();
  } catch (const Error& error) {
    return error.what();
  }
  return {};
}

TEST(Idx, ParsesRawImages) {
  const IdxArray array = parse_idx(images_file(2, 3, 4, 24), "tiny");
  EXPECT_EQ(array.dims, (std::vector<uint32_t>{2, 3, 4}));
  ASSERT_EQ(array.data.size(), 24u);
  EXPECT_EQ(array.data[23], 23);
  EXPECT_EQ(array.count(), 2u);
}

TEST(Idx, ParsesGzipAndRawAlike) {
  const std::string raw = images_file(5, 28, 28, 5 * 784);
  const IdxArray a = parse_idx(raw, "raw");
  const IdxArray b = parse_idx(gzip_bytes(raw), "gz");
  EXPECT_EQ(a.dims, b.dims);
  EXPECT_EQ(a.data, b.data);
}

TEST(Idx, ParsesLabels) {
  const std::string raw =
      big_endian32(kIdxLabelsMagic) + big_endian32(3) + std::string("\x01\x02\x09", 3);
  const IdxArray labels = parse_idx(raw, "labels");
  EXPECT_EQ(labels.dims, std::vector<uint32_t>{3});
  EXPECT_EQ(labels.data, (std::vector<uint8_t>{1, 2, 9}));
}

TEST(Idx, RejectsWrongMagicNamingTheFile) {
  const std::string message = error_of([] { parse_idx("PK\x03\x04 not idx at all", "data.zip"); });
  EXPECT_NE(message.find("data.zip: not an IDX file"), std::string::npos) << message;
  EXPECT_NE(message.find("0x504B0304"), std::string::npos) << message;
}

TEST(Idx, RejectsTooShortForAHeader) {
  EXPECT_NE(error_of([] { parse_idx("\x00\x00", "x"); }).find("shorter than an IDX header"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_idx("", "x"); }).find("x: not an IDX file"), std::string::npos);
}

TEST(Idx, RejectsTruncatedHeader) {
  const std::string bytes = big_endian32(kIdxImagesMagic) + big_endian32(10);  // rows, cols missing
  const std::string message = error_of([&] { parse_idx(bytes, "t.idx"); });
  EXPECT_NE(message.find("t.idx: truncated: the header declares 3 dimensions"), std::string::npos)
      << message;
}

TEST(Idx, RejectsTruncatedData) {
  const std::string message =
      error_of([] { parse_idx(images_file(10, 28, 28, 1000), "short.idx"); });
  EXPECT_EQ(message,
            "short.idx: truncated: the header promises 10x28x28 = 7840 bytes of data, the file "
            "holds 1000");
}

TEST(Idx, RejectsTrailingBytes) {
  const std::string message = error_of([] { parse_idx(images_file(1, 2, 2, 6), "long.idx"); });
  EXPECT_NE(message.find("2 unexpected bytes after the 1x2x2 data"), std::string::npos) << message;
}

TEST(Idx, RejectsNonByteTypes) {
  std::string bytes =
      big_endian32(0x00000D03) + big_endian32(1) + big_endian32(1) + big_endian32(1);
  bytes += std::string(4, '\0');
  const std::string message = error_of([&] { parse_idx(bytes, "floats.idx"); });
  EXPECT_NE(message.find("element type float is not supported"), std::string::npos) << message;
}

TEST(Idx, RejectsHostileDimensionsWithoutAllocating) {
  const std::string bytes = big_endian32(kIdxImagesMagic) + big_endian32(0xFFFFFFFF) +
                            big_endian32(0xFFFFFFFF) + big_endian32(0xFFFFFFFF);
  const std::string message = error_of([&] { parse_idx(bytes, "hostile.idx"); });
  EXPECT_NE(message.find("dimensions too large"), std::string::npos) << message;
}

TEST(Idx, RejectsTruncatedGzip) {
  const std::string gz = gzip_bytes(images_file(50, 28, 28, 50 * 784));
  const std::string message = error_of([&] { parse_idx(gz.substr(0, gz.size() / 2), "cut.gz"); });
  EXPECT_NE(message.find("cut.gz: truncated: the compressed data ends early"), std::string::npos)
      << message;
}

TEST(Idx, RejectsCorruptGzip) {
  std::string gz = gzip_bytes(images_file(50, 28, 28, 50 * 784));
  for (size_t i = 12; i < 40; ++i) gz[i] = static_cast<char>(0xFF);
  const std::string message = error_of([&] { parse_idx(gz, "bad.gz"); });
  EXPECT_NE(message.find("bad.gz:"), std::string::npos) << message;
  EXPECT_TRUE(message.find("corrupt") != std::string::npos ||
              message.find("truncated") != std::string::npos)
      << message;
}

TEST(Idx, EveryTruncationOfARealFileFailsCleanly) {
  const std::string raw = images_file(3, 28, 28, 3 * 784);
  const std::string gz = gzip_bytes(raw);
  for (size_t length = 0; length < raw.size(); length += 97) {
    EXPECT_FALSE(error_of([&] { parse_idx(raw.substr(0, length), "r"); }).empty()) << length;
  }
  for (size_t length = 0; length < gz.size(); length += 7) {
    EXPECT_FALSE(error_of([&] { parse_idx(gz.substr(0, length), "g"); }).empty()) << length;
  }
}

TEST(Idx, EncodeRoundTrips) {
  const std::vector<uint8_t> data = {1, 2, 3, 4, 5, 6};
  const std::string bytes = encode_idx({3, 2}, data.data(), data.size());
  EXPECT_EQ(bytes.substr(0, 4), big_endian32(0x00000802));
  const IdxArray array = parse_idx(bytes, "encoded");
  EXPECT_EQ(array.dims, (std::vector<uint32_t>{3, 2}));
  EXPECT_EQ(array.data, data);
}

TEST(Idx, ReadsFilesAndNamesMissingOnes) {
  TempDir dir;
  write_bytes(dir.file("a.idx"), images_file(1, 2, 2, 4));
  EXPECT_EQ(read_idx_file(dir.file("a.idx")).data.size(), 4u);
  const std::string message = error_of([&] { read_idx_file(dir.file("missing.idx")); });
  EXPECT_NE(message.find("missing.idx: cannot open (No such file or directory)"), std::string::npos)
      << message;
}

TEST(Idx, ReadsRealFashionMnist) {
  const std::string folder = "/usr/share/datasets/fashion-mnist";
  if (!std::filesystem::exists(folder + "/t10k-images-idx3-ubyte.gz")) {
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  }
  const IdxArray images = read_idx_file(folder + "/t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(images.dims, (std::vector<uint32_t>{10000, 28, 28}));
  const IdxArray labels = read_idx_file(folder + "/t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(labels.dims, std::vector<uint32_t>{10000});
}

}  // namespace
}  // namespace gs

namespace gs {
namespace {

// data.path naming a huge file of something else, or an IDX whose size disagrees with its header:
// refused from the header alone (the 8 GB file is sparse: reading it would take minutes).
TEST(Idx, AFileIsJudgedByItsHeaderBeforeItsDataIsRead) {
  TempDir dir;
  const std::string huge = dir.file("huge.bin");
  write_bytes(huge, "GIF89a");
  std::filesystem::resize_file(huge, uint64_t{8} << 30);
  try {
    read_idx_file(huge);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("huge.bin: not an IDX file: magic number"),
              std::string::npos)
        << error.what();
  }
  // A header for 2 x 2 bytes followed by 8 GB: the extra bytes are counted, not read.
  const std::string idx = dir.file("long-idx3-ubyte");
  write_bytes(idx, big_endian32(0x00000801) + big_endian32(4) + "abcd");
  std::filesystem::resize_file(idx, uint64_t{8} << 30);
  try {
    read_idx_file(idx);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              idx + ": 8589934580 unexpected bytes after the 4 data the header declares");
  }
  // /dev/zero as a data file: refused by its kind.
  EXPECT_THROW(read_idx_file("/dev/zero"), Error);
}

// A gzip'd IDX of 100 MB of zeros: some 100 kB compressed, refused from its header before the
// rest is inflated.
TEST(Idx, AGzipBombIsRefusedFromItsHeader) {
  std::string raw =
      big_endian32(0x00000803) + big_endian32(100000) + big_endian32(32) + big_endian32(32);
  raw.resize(raw.size() + size_t{100000} * 32 * 32, '\0');  // 102 MB of zeros
  const std::string bomb = gzip_bytes(raw);
  ASSERT_LT(bomb.size() * 200, raw.size());  // deflate shrinks zeros about 230 times
  try {
    parse_idx(bomb, "bomb.gz");
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("bomb.gz: "), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("refused as a likely decompression bomb"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace gs
