#include "model/io/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>

#include "model/io/error.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

size_t files_in(const std::string& folder) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    (void)entry;
    ++count;
  }
  return count;
}

TEST(FileIo, WritesAndReplacesAtomically) {
  TempDir dir;
  write_file_atomically(dir.file("a.txt"), "first");
  write_file_atomically(dir.file("a.txt"), "second");
  EXPECT_EQ(read_file(dir.file("a.txt")), "second");
  EXPECT_EQ(files_in(dir.path()), 1u);  // no temporary file left behind
}

TEST(FileIo, AFailedWriteKeepsThePreviousFileAndLeavesNoDebris) {
  TempDir dir;
  const std::string previous(4096, 'p');
  write_file_atomically(dir.file("checkpoint.pt"), previous);
  try {
    testing::FileSizeLimit limit(8192);
    write_file_atomically(dir.file("checkpoint.pt"), std::string(1 << 20, 'n'));
    FAIL() << "the write should have failed";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.file("checkpoint.pt") + ": write failed (File too large)");
  }
  EXPECT_EQ(read_file(dir.file("checkpoint.pt")), previous);
  EXPECT_EQ(files_in(dir.path()), 1u);
}

TEST(FileIo, UnwritableFolderIsNamed) {
  if (geteuid() == 0) {
    // root ignores permissions; a path under a regular file fails for everyone.
    TempDir dir;
    write_file_atomically(dir.file("plain"), "x");
    EXPECT_THROW(write_file_atomically(dir.file("plain/inside.txt"), "y"), Error);
    return;
  }
  EXPECT_THROW(write_file_atomically("/proc/ganstudio.txt", "y"), Error);
}

TEST(FileIo, ReadErrorsNameThePath) {
  TempDir dir;
  try {
    read_file(dir.path());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.path() + ": is a folder, not a regular file; not read");
  }
}

// Files another party may place: a FIFO never blocks, a device is never read, a link is refused
// when links are not followed, a file over the limit is refused by its size; none is quoted.
TEST(FileIo, SpecialFilesAndLimitsAreRefusedBeforeAnyRead) {
  TempDir dir;
  const std::string fifo = dir.file("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto message = [](const std::string& path, const ReadLimits& limits) {
    try {
      read_file(path, limits);
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("read");
  };
  EXPECT_EQ(message(fifo, {}), fifo + ": is a FIFO, not a regular file; not read");
  EXPECT_EQ(message("/dev/zero", {}),
            "/dev/zero: is a character device, not a regular file; not read");
  const std::string text = dir.file("text");
  write_file_atomically(text, "0123456789");
  EXPECT_EQ(read_file(text, {10, false}), "0123456789");
  EXPECT_EQ(message(text, {9, true}),
            text + ": is 10 bytes; at most 9 are read from a file of its kind");
  const std::string link = dir.file("link");
  std::filesystem::create_symlink(text, link);
  EXPECT_EQ(read_file(link), "0123456789");
  EXPECT_EQ(message(link, {100, false}), link + ": is a symbolic link; refused (not followed)");
  EXPECT_EQ(special_file_kind(fifo), "a FIFO");
  EXPECT_EQ(special_file_kind(link), "a symbolic link");
  EXPECT_EQ(special_file_kind(text), "");
  RegularFile file(text);
  EXPECT_EQ(file.read(4), "0123");
  EXPECT_EQ(file.read_exactly(3), "456");
  try {
    file.read_exactly(5);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), text + ": truncated: ends after 10 bytes, 12 expected");
  }
}

TEST(FileIo, MakeDirectoriesCreatesParents) {
  TempDir dir;
  make_directories(dir.file("a/b/c"));
  EXPECT_TRUE(std::filesystem::is_directory(dir.file("a/b/c")));
  write_file_atomically(dir.file("f"), "x");
  EXPECT_THROW(make_directories(dir.file("f/g")), Error);
}

}  // namespace
}  // namespace gs
