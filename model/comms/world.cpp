#include "model/comms/world.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "model/io/error.h"

namespace gs {

namespace {

// The variable's value as an integer in [low, high]; `fallback` when unset.
int read_int(const Environment& environment, const char* name, int low, int high,
             std::optional<int> fallback, const std::string& rule) {
  const std::optional<std::string> text = environment(name);
  if (!text || text->empty()) {
    if (fallback) return *fallback;
    throw Error(std::string(name) + " is not set; a rank of a data-parallel job needs it (" + rule +
                ")");
  }
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text->c_str(), &end, 10);
  if (errno != 0 || end == text->c_str() || *end != '\0' || value < low || value > high) {
    throw Error(std::string(name) + " is '" + (text->size() <= 32 ? *text : text->substr(0, 32)) +
                "'; it must be " + rule);
  }
  return static_cast<int>(value);
}

constexpr int kMaxWorld = 1 << 20;

World torchrun_world(const Environment& environment) {
  World world;
  world.launcher = "torchrun";
  world.size = read_int(environment, "WORLD_SIZE", 1, kMaxWorld, std::nullopt,
                        "the number of ranks, at least 1");
  world.rank =
      read_int(environment, "RANK", 0, world.size - 1, std::nullopt,
               "this process's rank, from 0 to WORLD_SIZE - 1 = " + std::to_string(world.size - 1));
  world.local_size = read_int(environment, "LOCAL_WORLD_SIZE", 1, world.size, world.size,
                              "the ranks on this machine, from 1 to WORLD_SIZE");
  world.local_rank = read_int(environment, "LOCAL_RANK", 0, world.local_size - 1, 0,
                              "this process's rank on its machine, below LOCAL_WORLD_SIZE");
  return world;
}

World slurm_world(const Environment& environment, int tasks) {
  World world;
  world.launcher = "slurm";
  world.size = tasks;
  world.rank = read_int(environment, "SLURM_PROCID", 0, world.size - 1, std::nullopt,
                        "this task's rank, below SLURM_NTASKS = " + std::to_string(world.size));
  // SLURM_NTASKS_PER_NODE reads "2" or "2(x3)": its first number.
  int per_node = world.size;
  if (const auto text = environment("SLURM_NTASKS_PER_NODE"); text && !text->empty()) {
    const long value = std::strtol(text->c_str(), nullptr, 10);
    if (value >= 1 && value <= world.size) per_node = static_cast<int>(value);
  }
  world.local_size = per_node;
  world.local_rank = read_int(environment, "SLURM_LOCALID", 0, world.local_size - 1, 0,
                              "this task's rank on its node, below its tasks per node");
  if (!environment("MASTER_ADDR")) {
    throw Error(
        "MASTER_ADDR is not set: in a Slurm job, set it to the job's first host (docs/"
        "DISTRIBUTED.md: MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head "
        "-n 1))");
  }
  return world;
}

}  // namespace

std::string World::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(size);
}

Environment process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read at start-up
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

std::optional<World> world_from_environment(const Environment& environment) {
  std::optional<World> world;
  if (environment("RANK")) {
    world = torchrun_world(environment);
  } else if (const auto tasks = environment("SLURM_NTASKS")) {
    const int count = read_int(environment, "SLURM_NTASKS", 1, kMaxWorld, std::nullopt,
                               "the number of tasks, at least 1");
    if (count > 1) world = slurm_world(environment, count);
  }
  if (!world) return std::nullopt;
  if (const auto address = environment("MASTER_ADDR"); address && !address->empty()) {
    world->master_addr = *address;
  }
  world->master_port = master_port_from_environment(environment).value_or(29500);
  return world;
}

std::optional<int> master_port_from_environment(const Environment& environment) {
  const std::optional<std::string> text = environment("MASTER_PORT");
  if (!text || text->empty()) return std::nullopt;
  return read_int(environment, "MASTER_PORT", 1, 65535, std::nullopt,
                  "the master's TCP port, from 1 to 65535");
}

int64_t batch_share(int64_t global_batch, int rank, int size) {
  return global_batch / size + (rank < global_batch % size ? 1 : 0);
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw Error(system_error_message("a TCP socket", "cannot open", errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  if (port == 0) throw Error("no free TCP port on 127.0.0.1");
  return port;
}

int threads_per_rank(int hardware_threads, int local_size) {
  return std::max(1, hardware_threads / std::max(1, local_size));
}

}  // namespace gs
