#include "model/runs/file_tail.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gs {

FileTail::Lines FileTail::poll() {
  Lines out;
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;  // not there (yet, or for a moment while replaced)
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return out;
  }
  out.exists = true;
  const auto size = static_cast<uint64_t>(st.st_size);
  const bool replaced =
      (inode_ != 0 || device_ != 0) &&
      (static_cast<uint64_t>(st.st_ino) != inode_ || static_cast<uint64_t>(st.st_dev) != device_);
  if (replaced || size < offset_) {
    out.restarted = offset_ > 0 || replaced;
    offset_ = 0;
  }
  inode_ = static_cast<uint64_t>(st.st_ino);
  device_ = static_cast<uint64_t>(st.st_dev);
  if (size > offset_) {
    std::string data(size - offset_, '\0');
    size_t got = 0;
    while (got < data.size()) {
      const ssize_t n =
          ::pread(fd, data.data() + got, data.size() - got, static_cast<off_t>(offset_ + got));
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    data.resize(got);
    const size_t nul = data.find('\0');
    if (nul != std::string::npos) data.resize(nul);  // not written yet: next time
    size_t start = 0;
    for (size_t newline; (newline = data.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      std::string line = data.substr(start, newline - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out.lines.push_back(std::move(line));
    }
    offset_ += start;  // a partial last line is read again, whole, next time
  }
  ::close(fd);
  return out;
}

}  // namespace gs
