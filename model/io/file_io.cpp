#include "model/io/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <vector>

#include "model/io/error.h"

namespace gs {

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

}  // namespace

std::string special_file_kind(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode)) return "";
  return kind_of(info.st_mode);
}

RegularFile::RegularFile(const std::string& path, const ReadLimits& limits) : path_(path) {
  const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (limits.follow_symlinks ? 0 : O_NOFOLLOW);
  fd_ = ::open(path.c_str(), flags);
  if (fd_ < 0) {
    const int error_number = errno;
    if (error_number == ELOOP && !limits.follow_symlinks) {
      throw Error(path + ": is a symbolic link; refused (not followed)");
    }
    throw Error(system_error_message(path, "cannot open", error_number));
  }
  struct stat info {};
  if (::fstat(fd_, &info) != 0) {
    const int error_number = errno;
    ::close(fd_);
    throw Error(system_error_message(path, "cannot read its size", error_number));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd_);
    throw Error(path + ": is " + kind_of(info.st_mode) + ", not a regular file; not read");
  }
  size_ = static_cast<uint64_t>(info.st_size);
  if (size_ > limits.most_bytes) {
    ::close(fd_);
    throw Error(path + ": is " + std::to_string(size_) + " bytes; at most " +
                std::to_string(limits.most_bytes) + " are read from a file of its kind");
  }
}

RegularFile::~RegularFile() { ::close(fd_); }

std::string RegularFile::read(uint64_t count) {
  // A regular file can grow after fstat: never read past the size it had.
  count = std::min(count, size_ - std::min(size_, position_));
  std::string bytes(static_cast<size_t>(count), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd_, bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(system_error_message(path_, "read failed", errno));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  position_ += got;
  return bytes;
}

std::string RegularFile::read_exactly(uint64_t count) {
  const uint64_t start = position_;
  std::string bytes = read(count);
  if (bytes.size() != count) {
    throw Error(path_ + ": truncated: ends after " + std::to_string(start + bytes.size()) +
                " bytes, " + std::to_string(start + count) + " expected");
  }
  return bytes;
}

void RegularFile::seek(uint64_t offset) {
  offset = std::min(offset, size_);
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    throw Error(system_error_message(path_, "seek failed", errno));
  }
  position_ = offset;
}

std::string read_file(const std::string& path, const ReadLimits& limits) {
  RegularFile file(path, limits);
  return file.read(file.size());
}

namespace {

// Writes all of `bytes` to `fd`, retrying short writes; returns errno on failure, 0 on success.
int write_all(int fd, std::string_view bytes) {
  const char* cursor = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, cursor, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    cursor += written;
    left -= static_cast<size_t>(written);
  }
  return 0;
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  const std::filesystem::path target(path);
  const std::filesystem::path folder =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temp_name = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> temp_buffer(temp_name.begin(), temp_name.end());
  temp_buffer.push_back('\0');
  const int fd = ::mkstemp(temp_buffer.data());
  if (fd < 0) {
    throw Error(system_error_message(path, "cannot create a temporary file beside it", errno));
  }
  temp_name = temp_buffer.data();
  auto fail = [&](const std::string& what, int error_number) {
    ::close(fd);
    ::unlink(temp_name.c_str());
    throw Error(system_error_message(path, what, error_number));
  };
  if (const int error_number = write_all(fd, bytes)) fail("write failed", error_number);
  if (::fsync(fd) != 0) fail("flush to disk failed", errno);
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    const int error_number = errno;
    ::unlink(temp_name.c_str());
    throw Error(system_error_message(path, "write failed", error_number));
  }
  if (::rename(temp_name.c_str(), path.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(temp_name.c_str());
    throw Error(system_error_message(path, "cannot replace the file", error_number));
  }
  // Make the rename itself durable.
  const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

namespace {

std::vector<std::string> entries_of(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

FolderUndo::FolderUndo(std::string folder) : folder_(std::move(folder)) {
  std::error_code ec;
  existed_ = std::filesystem::exists(std::filesystem::symlink_status(folder_, ec));
  if (existed_) entries_ = entries_of(folder_);
}

FolderUndo::~FolderUndo() {
  if (kept_) return;
  std::error_code ec;
  if (!existed_) {
    std::filesystem::remove_all(folder_, ec);
    return;
  }
  for (const std::string& name : entries_of(folder_)) {
    if (!std::binary_search(entries_.begin(), entries_.end(), name)) {
      std::filesystem::remove_all(std::filesystem::path(folder_) / name, ec);
    }
  }
}

void make_directories(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    throw Error(path + ": cannot create the folder (" + ec.message() + ")");
  }
  if (!std::filesystem::is_directory(path, ec)) {
    throw Error(path + ": exists and is not a folder");
  }
}

}  // namespace gs
