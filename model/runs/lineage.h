// A run's family: a branch is a new run folder that starts from a checkpoint of another run (its
// parent) and records where it came from in RUN/parent.yaml. The branch holds copies of what it
// needs of its parent (the rows up to the branch point, the grids, the checkpoint), so it never
// writes into the parent and still works when the parent is gone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gs {

inline constexpr const char* kParentFile = "parent.yaml";

struct BranchPoint {
  std::string run;         // the parent's run folder (absolute)
  int64_t iteration = 0;   // the parent's iteration the branch starts from
  std::string checkpoint;  // the parent's checkpoint file it was made from (absolute)
};

// An absolute, normalised path: how a branch names its parent and checkpoint (BranchPoint), so
// that two spellings of one folder compare equal.
std::string absolute_path(const std::string& path);

// "RUN_DIR@ITERATION" (that checkpoint of the run), "RUN_DIR" (its newest) or a checkpoint file.
// Throws Error naming the run and the iterations it keeps when there is no such checkpoint.
std::string branch_checkpoint(const std::string& spec);

void write_parent(const std::string& run_path, const BranchPoint& parent);
// The run's parent, when it is a branch. Throws Error naming the file when it is damaged.
std::optional<BranchPoint> read_parent(const std::string& run_path);

// Makes `run_path` a branch of `checkpoint` (of the run it belongs to): creates the folder,
// copies the parent's rows (metrics, changes, quality, health) and sample grids (what comes after
// the branch point is dropped when the branch opens) and the checkpoint itself, and writes
// parent.yaml. Refuses a folder that holds a run, and the parent's own folder. Returns the
// checkpoint's copy in the branch (what the branch resumes from).
std::string prepare_branch(const std::string& checkpoint, const std::string& run_path);

}  // namespace gs
