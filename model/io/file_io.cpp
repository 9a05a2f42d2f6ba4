#include "model/io/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "model/io/error.h"

namespace gs {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(path + ": is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(system_error_message(path, "cannot open", errno));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    throw Error(system_error_message(path, "read failed", errno));
  }
  return std::move(content).str();
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
