#include "model/runs/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/host.h"

namespace gs {

namespace {

struct Owner {
  long pid = 0;
  std::string host;
  std::string since;
};

Owner parse_owner(const std::string& text) {
  Owner owner;
  std::istringstream in(text);
  std::string key;
  while (in >> key) {
    if (key == "pid") {
      in >> owner.pid;
    } else if (key == "host") {
      in >> owner.host;
    } else if (key == "since") {
      std::getline(in >> std::ws, owner.since);
    }
  }
  return owner;
}

std::string describe(const Owner& owner) {
  if (owner.pid <= 0) return "another process";
  std::string text = "process " + std::to_string(owner.pid) + " on " + owner.host;
  if (!owner.since.empty()) text += " since " + owner.since;
  return text;
}

std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  if (lseek(fd, 0, SEEK_SET) < 0) return text;
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof buffer)) > 0 && text.size() < 4096) {
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

bool alive_here(const Owner& owner) {
  if (owner.pid <= 0 || owner.host != host_name()) return owner.pid > 0;  // elsewhere: assume so
  return kill(static_cast<pid_t>(owner.pid), 0) == 0 || errno == EPERM;
}

}  // namespace

RunLock::RunLock(const std::string& folder)
    : path_((std::filesystem::path(folder) / kLockFile).string()) {
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Error(folder + ": cannot lock the run folder (" + path_ + ": " + errno_text(errno) + ")");
  }
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const Owner owner = parse_owner(read_all(fd_));
    // EWOULDBLOCK: held. Anything else: no flock here; trust the PID of a live owner.
    if (error == EWOULDBLOCK || (alive_here(owner) && owner.pid != getpid())) {
      close(fd_);
      fd_ = -1;
      throw Error(folder + ": in use by " + describe(owner) +
                  "; stop that run first, or choose another folder");
    }
  }
  char since[32] = {};
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(since, sizeof since, "%Y-%m-%d %H:%M:%S", &local);
  const std::string text =
      "pid " + std::to_string(getpid()) + "\nhost " + host_name() + "\nsince " + since + "\n";
  if (ftruncate(fd_, 0) != 0 || pwrite(fd_, text.data(), text.size(), 0) < 0) {
    // The lock itself holds; only the owner's description could not be written (disk full).
  }
}

RunLock::~RunLock() {
  if (fd_ < 0) return;
  // Empty the file before letting go, so that a reader sees no owner; the file stays (removing it
  // would race with a process that has it open and is about to lock it).
  if (ftruncate(fd_, 0) != 0) {
  }
  flock(fd_, LOCK_UN);
  close(fd_);
}

std::string RunLock::owner_of(const std::string& folder) {
  std::string text;
  try {
    text = read_file((std::filesystem::path(folder) / kLockFile).string(), {4096, false});
  } catch (const Error&) {
    return "";  // none, or not a lock file of ours (a FIFO, a link, a huge file)
  }
  const Owner owner = parse_owner(text);
  return owner.pid > 0 ? describe(owner) : "";
}

}  // namespace gs
