#include "model/comms/process_group.h"

#include <torch/cuda.h>
#include <torch/version.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <map>
#include <set>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef GANSTUDIO_WITH_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif

#ifdef GANSTUDIO_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include "model/comms/process_group_impl.h"
#include "model/io/error.h"
#include "model/io/host.h"

namespace gs {

namespace {

// c10d's first line, without the source location Gloo puts before it.
std::string reason_of(const std::exception& error) {
  std::string text = error.what();
  text = text.substr(0, text.find('\n'));
  if (text.rfind('[', 0) == 0) {
    const size_t close = text.find("] ");
    if (close != std::string::npos) text = text.substr(close + 2);
  }
  return text;
}

#ifdef GANSTUDIO_WITH_GLOO
bool is_loopback(const std::string& address) {
  return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

std::shared_ptr<::gloo::transport::Device> gloo_device(const World& world) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read once while connecting
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface) {
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  }
  if (is_loopback(world.master_addr)) {
    return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  }
  return c10d::ProcessGroupGloo::createDefaultDevice();
}
#endif

std::string choose_backend(const GroupOptions& options) {
  const DistributedBackend wanted = options.backend.value_or(DistributedBackend::Auto);
#ifdef GANSTUDIO_WITH_NCCL
  const bool nccl = true;
#else
  const bool nccl = false;
#endif
  if (wanted == DistributedBackend::Nccl) {
    if (!nccl) {
      throw Error(std::string("training.distributed_backend is nccl, but this LibTorch has no "
                              "NCCL (backends: ") +
                  available_backends() + "); use gloo or auto");
    }
    if (!options.cuda) {
      throw Error(
          "training.distributed_backend is nccl, which needs CUDA, but the ranks train on the "
          "CPU; use gloo or auto");
    }
    return "nccl";
  }
  if (wanted == DistributedBackend::Auto && nccl && options.cuda) return "nccl";
#ifndef GANSTUDIO_WITH_GLOO
  throw Error(std::string("this build has no Gloo (c10d's Gloo header did not compile against the "
                          "Gloo headers found when it was configured; backends: ") +
              available_backends() + ")" + (nccl ? "; train on CUDA with nccl" : ""));
#endif
  return "gloo";
}

c10::intrusive_ptr<c10d::Store> open_store(const World& world, const GroupOptions& options) {
  c10d::TCPStoreOptions store_options;
  store_options.port = static_cast<uint16_t>(world.master_port);
  store_options.isServer = world.rank == 0;
  store_options.numWorkers = static_cast<size_t>(world.size);
  store_options.waitWorkers = true;
  store_options.timeout = options.connect_timeout;
  const std::string where = world.master_addr + ":" + std::to_string(world.master_port);
  try {
    return c10::make_intrusive<c10d::TCPStore>(world.master_addr, store_options);
  } catch (const std::exception& error) {
    const std::string reason = reason_of(error);
    const std::string seconds = std::to_string(options.connect_timeout.count());
    if (world.rank == 0 &&
        (reason.find("in use") != std::string::npos || reason.find("bind") != std::string::npos)) {
      throw Error("rank 0 cannot listen on port " + std::to_string(world.master_port) +
                  " (MASTER_PORT): it is in use by another program; choose another port (" +
                  reason + ")");
    }
    if (world.rank == 0) {
      throw Error("rank 0 (the master, " + where + "): not every one of the " +
                  std::to_string(world.size) + " ranks joined within " + seconds + " s (" + reason +
                  ")");
    }
    throw Error(world.describe() + " cannot reach the master at " + where +
                " (MASTER_ADDR, MASTER_PORT) within " + seconds + " s (" + reason + ")");
  }
}

c10::intrusive_ptr<CollectiveGroup> open_group(const ProcessGroup::Impl& impl) {
  auto store = c10::make_intrusive<c10d::PrefixStore>("group/", impl.store);
#ifdef GANSTUDIO_WITH_NCCL
  if (impl.backend == "nccl") {
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = impl.options.timeout;
    return c10::make_intrusive<c10d::ProcessGroupNCCL>(store, impl.world.rank, impl.world.size,
                                                       options);
  }
#endif
#ifdef GANSTUDIO_WITH_GLOO
  auto options = c10d::ProcessGroupGloo::Options::create(impl.options.timeout);
  options->devices.push_back(gloo_device(impl.world));
  return c10::make_intrusive<c10d::ProcessGroupGloo>(store, impl.world.rank, impl.world.size,
                                                     options);
#else
  throw Error("no Gloo in this build (backends: " + available_backends() + ")");
#endif
}

std::string text_of(const std::vector<uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

std::vector<uint8_t> bytes_of(const std::string& text) {
  return std::vector<uint8_t>(text.begin(), text.end());
}

}  // namespace

std::string available_backends() {
  std::string names;
#ifdef GANSTUDIO_WITH_GLOO
  names += "gloo";
#endif
#ifdef GANSTUDIO_WITH_NCCL
  names += names.empty() ? "nccl" : ", nccl";
#endif
  return names.empty() ? "none" : names;
}

std::string rank_device(const std::string& device, const World& world) {
  const bool cuda =
      device.rfind("cuda", 0) == 0 || (device == "auto" && torch::cuda::is_available());
  return cuda ? "cuda:" + std::to_string(world.local_rank) : device;
}

ProcessGroup::ProcessGroup(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProcessGroup::~ProcessGroup() = default;

std::shared_ptr<ProcessGroup> ProcessGroup::connect(const World& world,
                                                    const GroupOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->world = world;
  impl->options = options;
  impl->backend = choose_backend(options);
  if (impl->backend == "nccl") {
    impl->device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(world.local_rank));
  }
  impl->store = open_store(world, options);
  const std::string me = std::to_string(world.rank);
  impl->store->set("host/" + me, bytes_of(host_name()));
  impl->store->set("pid/" + me, bytes_of(std::to_string(::getpid())));
  try {
    impl->group = open_group(*impl);
    for (int rank = 0; rank < world.size; ++rank) {
      const std::string r = std::to_string(rank);
      impl->hosts.push_back(text_of(impl->store->get("host/" + r)));
      impl->pids.push_back(std::stoll(text_of(impl->store->get("pid/" + r))));
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& error) {
    throw Error(world.describe() + ": the ranks could not connect to each other (" + impl->backend +
                ", " + reason_of(error) + ")");
  }
  // From here on the store waits as long as setting up may take (rank 0 loads the data).
  impl->store->setTimeout(options.setup_timeout);
  return std::shared_ptr<ProcessGroup>(new ProcessGroup(std::move(impl)));
}

const World& ProcessGroup::world() const { return impl_->world; }
std::string ProcessGroup::backend() const { return impl_->backend; }
std::chrono::seconds ProcessGroup::timeout() const { return impl_->options.timeout; }
const ProcessGroup::Traffic& ProcessGroup::traffic() const { return impl_->traffic; }

std::string ProcessGroup::describe_ranks() const {
  std::vector<std::string> hosts;
  for (const std::string& host : impl_->hosts) {
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
  }
  std::string text = std::to_string(impl_->world.size) +
                     (impl_->world.size == 1 ? " process on " : " processes on ");
  for (size_t i = 0; i < hosts.size(); ++i) text += (i ? ", " : "") + hosts[i];
  return text;
}

void ProcessGroup::require_same(const std::string& what, const std::string& text) {
  const World& world = impl_->world;
  const std::string key = "same/" + what + "/";
  impl_->store->set(key + std::to_string(world.rank), bytes_of(text));
  std::vector<int> differ;
  if (world.rank == 0) {
    for (int rank = 1; rank < world.size; ++rank) {
      if (text_of(impl_->store->get(key + std::to_string(rank))) != text) differ.push_back(rank);
    }
  } else if (text_of(impl_->store->get(key + "0")) != text) {
    differ.push_back(world.rank);
  }
  if (differ.empty()) return;
  std::string ranks;
  for (size_t i = 0; i < differ.size(); ++i) ranks += (i ? ", " : "") + std::to_string(differ[i]);
  throw Error("the " + what + " of rank" + (differ.size() > 1 ? "s " : " ") + ranks + " differ" +
              (differ.size() > 1 ? "" : "s") + " from rank 0's: every rank must be started " +
              "with the same command line (configuration, --set, --resume)");
}

std::string ProcessGroup::share(const std::string& key, const std::string& bytes) {
  const std::string name = "share/" + key;
  if (impl_->world.rank == 0) {
    impl_->store->set(name, bytes_of(bytes));
    return bytes;
  }
  try {
    return text_of(impl_->store->get(name));
  } catch (const std::exception& error) {
    throw Error(impl_->world.describe() + ": rank 0's " + key + " did not come (" +
                reason_of(error) + "); rank 0 stopped or could not start, see its messages");
  }
}

void ProcessGroup::meet(const std::string& name) {
  const std::string key = "meet/" + name + "/";
  impl_->store->set(key + std::to_string(impl_->world.rank), bytes_of("1"));
  std::vector<std::string> keys;
  keys.reserve(impl_->world.size);
  for (int rank = 0; rank < impl_->world.size; ++rank) keys.push_back(key + std::to_string(rank));
  try {
    impl_->store->wait(keys);
  } catch (const std::exception& error) {
    throw Error(impl_->world.describe() + ": not every rank got ready (" + name + ", " +
                reason_of(error) + ")");
  }
}

std::vector<int64_t> ProcessGroup::sum(const std::vector<int64_t>& values,
                                       const std::string& what) {
  torch::Tensor tensor = torch::tensor(values, torch::kLong).to(impl_->device);
  std::vector<torch::Tensor> tensors{tensor};
  const auto start = std::chrono::steady_clock::now();
  try {
    impl_->group->allreduce(tensors)->wait();
  } catch (const std::exception& error) {
    fail(what, error);
  }
  impl_->traffic.agreement_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++impl_->traffic.agreement_calls;
  const torch::Tensor result = tensors[0].cpu();
  return std::vector<int64_t>(result.data_ptr<int64_t>(),
                              result.data_ptr<int64_t>() + result.numel());
}

void ProcessGroup::fail(const std::string& what, const std::exception& error) const {
  const World& world = impl_->world;
  const std::string reason = reason_of(error);
  // Ranks on this host whose process is gone; with two ranks the other one is the lost one.
  std::vector<int> gone;
  for (int rank = 0; rank < world.size; ++rank) {
    if (rank == world.rank || impl_->hosts[rank] != impl_->hosts[world.rank]) continue;
    if (::kill(static_cast<pid_t>(impl_->pids[rank]), 0) != 0 && errno == ESRCH) {
      gone.push_back(rank);
    }
  }
  const bool timed_out = reason.find("imed out") != std::string::npos;
  auto name = [&](int rank) {
    return "rank " + std::to_string(rank) + " (pid " + std::to_string(impl_->pids[rank]) + " on " +
           impl_->hosts[rank] + ")";
  };
  std::string who;
  if (!gone.empty()) {
    for (size_t i = 0; i < gone.size(); ++i) who += (i ? ", " : "") + name(gone[i]);
    who += gone.size() > 1 ? " are gone" : " is gone";
  } else if (world.size == 2) {
    who = name(1 - world.rank) +
          (timed_out ? " did not answer within " + std::to_string(timeout().count()) +
                           " s (training.distributed_timeout)"
                     : " is gone or unreachable");
  } else {
    who = timed_out ? "a rank did not answer within " + std::to_string(timeout().count()) +
                          " s (training.distributed_timeout)"
                    : "a rank is gone or unreachable";
  }
  throw Error(world.describe() + ": " + what + " failed: " + who + " (" + impl_->backend + ": " +
              reason + "); this rank stops");
}

}  // namespace gs
