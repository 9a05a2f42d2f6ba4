#include "model/io/file_io.h"

#include <gtest/gtest.h>

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
    EXPECT_EQ(std::string(error.what()), dir.path() + ": is a folder, not a file");
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
