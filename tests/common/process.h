// Running the programs under test as real processes (the CLI tests).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace gs::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string output;  // stdout and stderr together
};

class Process {
 public:
  // Starts argv[0] with the arguments, in this process's environment plus `environment`
  // ("NAME=value", replacing a variable of the same name); output goes to a file read by wait().
  explicit Process(const std::vector<std::string>& argv,
                   const std::vector<std::string>& environment = {});
  pid_t pid() const { return pid_; }
  ~Process();
  void signal(int signal_number) const;
  ProcessResult wait();

 private:
  pid_t pid_ = -1;
  std::string output_path_;
};

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment = {});

// Blocks until `path` exists (created, or renamed into place) or `limit` passes; whether it exists.
// Waits on inotify events of the nearest folder that exists, never by sleeping.
bool wait_for_path(const std::string& path, std::chrono::milliseconds limit);

}  // namespace gs::testing
