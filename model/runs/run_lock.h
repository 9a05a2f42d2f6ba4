// An exclusive lock on a run folder, held by whoever writes into it (a trainer or the window):
// RUN/.lock holds the owner's PID, host and start time, and is locked with flock(2), so the lock
// dies with its process whatever way the process ends. On file systems without flock, a lock whose
// owner is a dead process on this host is taken over. Readers (the runs panel, watchers) take no
// lock.
#pragma once

#include <string>

namespace gs {

inline constexpr const char* kLockFile = ".lock";

class RunLock {
 public:
  // Locks `folder` (which must exist). Throws Error naming the folder and the owner ("in use by
  // process 4711 on host1 since 2026-11-28 17:02:11") when another process, or another RunLock in
  // this one, holds it.
  explicit RunLock(const std::string& folder);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  // "process 4711 on host1 since 2026-11-28 17:02:11", from a lock file; "" when there is none.
  static std::string owner_of(const std::string& folder);

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace gs
