#include "tests/common/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace gs::testing {

Process::Process(const std::vector<std::string>& argv,
                 const std::vector<std::string>& environment) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "ganstudio-process-XXXXXX").string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  output_path_ = name.data();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fd, 1);
  posix_spawn_file_actions_adddup2(&actions, fd, 2);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> variables;
  for (char** entry = environ; *entry; ++entry) {
    const std::string text = *entry;
    const std::string variable = text.substr(0, text.find('=') + 1);
    bool replaced = false;
    for (const auto& added : environment) replaced = replaced || added.rfind(variable, 0) == 0;
    if (!replaced) variables.push_back(text);
  }
  variables.insert(variables.end(), environment.begin(), environment.end());
  std::vector<char*> envp;
  for (auto& variable : variables) envp.push_back(variable.data());
  envp.push_back(nullptr);
  const int status = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fd);
  if (status != 0) throw std::runtime_error("cannot start " + argv[0]);
}

Process::~Process() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove(output_path_, ec);
}

void Process::signal(int signal_number) const { kill(pid_, signal_number); }

ProcessResult Process::wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(output_path_);
  std::ostringstream text;
  text << in.rdbuf();
  result.output = text.str();
  return result;
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment) {
  return Process(argv, environment).wait();
}

bool wait_for_path(const std::string& path, std::chrono::milliseconds limit) {
  namespace fs = std::filesystem;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  const int inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (inotify < 0) throw std::runtime_error("inotify_init1 failed");
  bool found = false;
  for (;;) {
    std::error_code ec;
    if ((found = fs::exists(path, ec))) break;
    // The nearest folder that exists: its entries appearing is the event to wait for.
    fs::path folder = fs::path(path).parent_path();
    while (!folder.empty() && !fs::exists(folder, ec)) folder = folder.parent_path();
    const int watch = inotify_add_watch(inotify, folder.empty() ? "." : folder.c_str(),
                                        IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
    if ((found = fs::exists(path, ec))) break;  // it came before the watch did
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd events{inotify, POLLIN, 0};
    if (poll(&events, 1, static_cast<int>(left.count())) <= 0) {
      found = fs::exists(path, ec);
      break;
    }
    char buffer[4096];
    while (read(inotify, buffer, sizeof buffer) > 0) {
    }
    if (watch >= 0) inotify_rm_watch(inotify, watch);
  }
  close(inotify);
  return found;
}

}  // namespace gs::testing
