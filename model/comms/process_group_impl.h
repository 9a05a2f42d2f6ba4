// The process group's c10d objects (internal: includes LibTorch).
#pragma once

#include <torch/types.h>
#include <torch/version.h>

#include <string>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>
#include <vector>

#include "model/comms/process_group.h"

namespace gs {

// The object that runs collectives: c10d's ProcessGroup in LibTorch 1.x, its Backend in 2.x
// (ProcessGroupGloo and ProcessGroupNCCL derive from it there).
#if TORCH_VERSION_MAJOR >= 2
using CollectiveGroup = c10d::Backend;
#else
using CollectiveGroup = c10d::ProcessGroup;
#endif

struct ProcessGroup::Impl {
  World world;
  GroupOptions options;
  std::string backend;
  torch::Device device{torch::kCPU};  // where the collectives' tensors live (CUDA for NCCL)
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<CollectiveGroup> group;
  std::vector<std::string> hosts;  // each rank's host name
  std::vector<int64_t> pids;       // and process id
  ProcessGroup::Traffic traffic;
};

}  // namespace gs
