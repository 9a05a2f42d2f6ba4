// Following a file that another process appends to, perhaps on another machine through sshfs or
// NFS: each poll() stats the file and reads what was added since the last one, as whole lines.
// - A last line without its newline is kept back until it is complete.
// - A file replaced underneath (a new inode, as a sync tool's rename leaves it) or shortened (size
//   below what was read) is read again from its start, and poll() says so.
// - NUL bytes at the end (NFS can show a growing file's tail as zeros for a moment) are not data:
//   reading stops before them and tries again next time.
// Nothing is written. inotify would not see another host's writes; polling does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

class FileTail {
 public:
  explicit FileTail(std::string path) : path_(std::move(path)) {}

  struct Lines {
    std::vector<std::string> lines;  // complete new lines, without their newline
    bool restarted = false;          // the file was replaced or shortened: lines from its start
    bool exists = false;
  };
  Lines poll();

  const std::string& path() const { return path_; }
  uint64_t offset() const { return offset_; }

 private:
  std::string path_;
  uint64_t offset_ = 0;  // bytes consumed, complete lines only
  uint64_t inode_ = 0;
  uint64_t device_ = 0;
};

}  // namespace gs
