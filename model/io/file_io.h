// Whole-file reads and crash-safe whole-file writes.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

// How much of a file, and which kind, a reader accepts. Every file is opened non-blocking and
// checked with fstat to be a regular file before a byte is read: a FIFO, a device, a socket or a
// folder is refused by its kind and never read (a FIFO never blocks, /dev/zero never fills memory).
struct ReadLimits {
  uint64_t most_bytes = std::numeric_limits<uint64_t>::max();  // a larger file is refused
  bool follow_symlinks = true;  // false: a symbolic link is refused (O_NOFOLLOW)
};

// Reads a whole regular file within `limits`; throws Error naming the path and the cause ("is a
// FIFO, not a regular file", "is 5000 bytes; at most 4096 are read"). Never quotes the content.
std::string read_file(const std::string& path, const ReadLimits& limits = {});

// A regular file opened for reading as read_file() opens it; reads stay within most_bytes.
class RegularFile {
 public:
  RegularFile(const std::string& path, const ReadLimits& limits = {});
  ~RegularFile();
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Up to `count` bytes from the current position (fewer at the end); throws Error on a failure.
  std::string read(uint64_t count);
  // Exactly `count` bytes, or Error ("truncated: ... ends after N bytes").
  std::string read_exactly(uint64_t count);
  // Moves to `offset` from the start (at most the size).
  void seek(uint64_t offset);

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t position_ = 0;
};

// "a FIFO", "a symbolic link", ... for a path that is not a regular file (without following a
// final symbolic link), or "" when it is one or does not exist.
std::string special_file_kind(const std::string& path);

// Writes `bytes` to `path` so that a crash or a full disk never leaves a half-written file behind:
// write to a temporary file in the same folder, flush it to disk, then rename it over `path`.
// On any failure the temporary file is removed, `path` keeps its previous content, and Error is
// thrown naming the path and the cause ("runs/a/checkpoint.pt: write failed (No space left on
// device)").
void write_file_atomically(const std::string& path, std::string_view bytes);

// Undoes what is added to a folder unless told to keep it: remembers the folder's entries when
// made (none when the folder does not exist yet); on destruction without keep(), removes every
// entry added since, and the folder itself when it did not exist. For work that fills a new
// folder in several steps (a branch) and must leave nothing behind when a step fails.
class FolderUndo {
 public:
  explicit FolderUndo(std::string folder);
  ~FolderUndo();
  FolderUndo(const FolderUndo&) = delete;
  FolderUndo& operator=(const FolderUndo&) = delete;
  void keep() const { kept_ = true; }

 private:
  std::string folder_;
  bool existed_ = false;
  std::vector<std::string> entries_;
  mutable bool kept_ = false;
};

// Creates a folder and its parents; throws Error naming the path on failure.
void make_directories(const std::string& path);

}  // namespace gs
