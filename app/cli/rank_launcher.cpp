#include "app/cli/rank_launcher.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/comms/world.h"
#include "model/io/error.h"

namespace gs::cli {

namespace {

std::atomic<int> g_signals{0};
std::atomic<int> g_last_signal{0};

extern "C" void on_launcher_signal(int signal_number) {
  g_last_signal.store(signal_number);
  g_signals.fetch_add(1);
}

// This process's own arguments from /proc/self/cmdline, without --nproc and its value.
std::vector<std::string> rank_arguments() {
  // procfs reports a size of 0 for the file: read it as a stream.
  std::ifstream file("/proc/self/cmdline", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (text.empty()) throw Error("/proc/self/cmdline: cannot read this process's arguments");
  std::vector<std::string> arguments;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\0', start);
    arguments.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::vector<std::string> kept = {arguments[0]};  // the program's name, as it was started
  for (size_t i = 1; i < arguments.size(); ++i) {
    if (arguments[i] == "--nproc") {
      ++i;  // its value
      continue;
    }
    if (arguments[i].rfind("--nproc=", 0) == 0) continue;
    kept.push_back(arguments[i]);
  }
  return kept;
}

// A TCP port free on the loopback interface now (the kernel's choice), or MASTER_PORT when set
// (Error naming it when it is not a port).
int master_port() {
  if (const std::optional<int> port = master_port_from_environment()) return *port;
  return free_loopback_port();
}

// Pointers to the strings' characters, ending with a null pointer (for posix_spawn).
std::vector<char*> c_strings(std::vector<std::string>& texts) {
  std::vector<char*> pointers;
  pointers.reserve(texts.size() + 1);
  for (auto& text : texts) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// This process's environment without the variables the launcher sets for each rank.
std::vector<std::string> inherited_environment() {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry; ++entry) {
    const std::string text = *entry;
    const std::string name = text.substr(0, text.find('='));
    if (name != "RANK" && name != "WORLD_SIZE" && name != "LOCAL_RANK" &&
        name != "LOCAL_WORLD_SIZE" && name != "MASTER_ADDR" && name != "MASTER_PORT") {
      environment.push_back(text);
    }
  }
  return environment;
}

// Starts this program again as a rank, in the process group `group` (0: a new one of its own), with
// Ctrl-C and SIGTERM at their default actions; returns posix_spawn's status.
int spawn_rank(std::vector<std::string>& argv, std::vector<std::string>& environment, pid_t group,
               pid_t& pid) {
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> envp = c_strings(environment);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, group);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  const int status =
      posix_spawn(&pid, "/proc/self/exe", nullptr, &attributes, args.data(), envp.data());
  posix_spawnattr_destroy(&attributes);
  return status;
}

struct Rank {
  pid_t pid = -1;
  bool running = false;
  int status = 0;
};

std::string describe_end(int rank, pid_t pid, int status) {
  const std::string who = "rank " + std::to_string(rank) + " (pid " + std::to_string(pid) + ")";
  if (WIFSIGNALED(status)) {
    return who + " was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";  // NOLINT(concurrency-mt-unsafe)
  }
  return who + " exited with status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

int launch_ranks(int processes, std::chrono::seconds grace) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read once before the ranks start
  if (std::getenv("RANK")) {
    throw Error(
        "--nproc starts the ranks itself, but RANK is set: this process is already a rank "
        "of a job (leave out --nproc, or unset RANK)");
  }
  const std::vector<std::string> arguments = rank_arguments();
  const int port = master_port();
  std::fprintf(stderr, "starting %d ranks on this machine (master 127.0.0.1:%d)\n", processes,
               port);
  // The ranks get Ctrl-C from this launcher only, once: they are in a process group of their own.
  struct sigaction action {};
  action.sa_handler = on_launcher_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  std::vector<Rank> ranks(processes);
  pid_t group = 0;
  const std::vector<std::string> inherited = inherited_environment();
  for (int rank = 0; rank < processes; ++rank) {
    std::vector<std::string> environment = inherited;
    environment.insert(
        environment.end(),
        {"RANK=" + std::to_string(rank), "WORLD_SIZE=" + std::to_string(processes),
         "LOCAL_RANK=" + std::to_string(rank), "LOCAL_WORLD_SIZE=" + std::to_string(processes),
         "MASTER_ADDR=127.0.0.1", "MASTER_PORT=" + std::to_string(port)});
    std::vector<std::string> argv = arguments;
    pid_t pid = -1;
    const int status = spawn_rank(argv, environment, group, pid);
    if (status != 0) {
      for (const Rank& started : ranks) {
        if (started.running) ::kill(started.pid, SIGTERM);
      }
      throw Error("cannot start rank " + std::to_string(rank) + ": " + errno_text(status));
    }
    if (group == 0) group = pid;
    ranks[rank] = {pid, true, 0};
  }

  int forwarded = 0;
  int failed = -1;  // the first rank that failed
  std::chrono::steady_clock::time_point failed_at;
  int running = processes;
  while (running > 0) {
    // Signals to this launcher, each forwarded once to every rank still running.
    for (const int signals = g_signals.load(); forwarded < signals; ++forwarded) {
      for (const Rank& rank : ranks) {
        if (rank.running) ::kill(rank.pid, g_last_signal.load());
      }
    }
    int status = 0;
    const pid_t pid = ::waitpid(-group, &status, WNOHANG);
    if (pid > 0) {
      for (int index = 0; index < processes; ++index) {
        Rank& rank = ranks[index];
        if (rank.pid != pid) continue;
        rank.running = false;
        rank.status = status;
        --running;
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok) {
          std::fprintf(stderr, "ganstudio-cli train: %s\n",
                       describe_end(index, pid, status).c_str());
          if (failed < 0) {
            failed = index;
            failed_at = std::chrono::steady_clock::now();
          }
        }
      }
      continue;
    }
    if (failed >= 0 && std::chrono::steady_clock::now() - failed_at > grace) {
      for (int index = 0; index < processes; ++index) {
        if (!ranks[index].running) continue;
        std::fprintf(stderr,
                     "ganstudio-cli train: rank %d (pid %d) still runs %lld s after rank %d "
                     "failed: killing it\n",
                     index, static_cast<int>(ranks[index].pid),
                     static_cast<long long>(grace.count()), failed);
        ::kill(ranks[index].pid, SIGKILL);
      }
      failed_at = std::chrono::steady_clock::now();  // once per grace period
    }
    // The launcher's only wait: a tenth of a second between looks at its ranks.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (failed < 0) return 0;
  std::fprintf(stderr, "ganstudio-cli train: the job failed: %s\n",
               describe_end(failed, ranks[failed].pid, ranks[failed].status).c_str());
  return 1;
}

}  // namespace gs::cli
