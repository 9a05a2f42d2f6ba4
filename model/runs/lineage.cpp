#include "model/runs/lineage.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <sstream>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/csv_file.h"
#include "model/runs/run_directory.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t kMostParentBytes = uint64_t{64} * 1024;

std::string kept_iterations(const std::string& run) {
  std::string list;
  for (const auto& [n, path] : RunDirectory::numbered_checkpoints(run))
    list += (list.empty() ? "" : ", ") + std::to_string(n);
  return list.empty() ? "none" : list;
}

}  // namespace

std::string branch_checkpoint(const std::string& spec) {
  const size_t at = spec.rfind('@');
  std::error_code ec;
  if (at == std::string::npos || fs::exists(spec, ec)) return RunDirectory::find_checkpoint(spec);
  const std::string run = spec.substr(0, at);
  const int64_t iteration =
      parse_whole_number(spec.substr(at + 1), spec, "the iteration after '@'");
  if (!fs::is_directory(run, ec)) throw Error(run + ": no such run folder");
  std::string path = RunDirectory::checkpoint_file(run, iteration);
  if (!fs::is_regular_file(path, ec)) {
    throw Error(run + ": no checkpoint at iteration " + std::to_string(iteration) + " (it keeps " +
                kept_iterations(run) + ")");
  }
  return path;
}

void write_parent(const std::string& run_path, const BranchPoint& parent) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Comment("This run is a branch: it started from this checkpoint of another run.");
  out << YAML::Key << "run" << YAML::Value << parent.run;
  out << YAML::Key << "iteration" << YAML::Value << parent.iteration;
  out << YAML::Key << "checkpoint" << YAML::Value << parent.checkpoint;
  out << YAML::EndMap;
  write_file_atomically((fs::path(run_path) / kParentFile).string(),
                        std::string(out.c_str()) + "\n");
}

std::optional<BranchPoint> read_parent(const std::string& run_path) {
  const std::string path = (fs::path(run_path) / kParentFile).string();
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    const YAML::Node node = YAML::Load(read_file(path, {kMostParentBytes, false}));
    BranchPoint parent;
    parent.run = node["run"].as<std::string>();
    parent.iteration = node["iteration"].as<int64_t>();
    parent.checkpoint = node["checkpoint"].as<std::string>();
    return parent;
  } catch (const YAML::Exception& error) {
    throw Error(path + ": damaged (" + error.msg + ")");
  }
}

std::string prepare_branch(const std::string& checkpoint, const std::string& run_path) {
  const std::string parent = RunDirectory::run_folder_of(checkpoint);
  std::error_code ec;
  if (!parent.empty() && fs::exists(run_path, ec) && fs::equivalent(parent, run_path, ec)) {
    throw Error(run_path + ": is the parent run itself; a branch goes into a new folder");
  }
  for (const char* name : {kMetricsFile, kConfigFile}) {
    if (fs::exists(fs::path(run_path) / name, ec)) {
      throw Error(run_path + ": already holds a run; a branch goes into a new folder");
    }
  }
  make_directories((fs::path(run_path) / "samples").string());
  make_directories((fs::path(run_path) / "checkpoints").string());
  if (!parent.empty()) {
    // The parent's history up to the branch point (the rows after it are dropped on opening).
    for (const RowFile& row_file : kRowFiles) {
      const fs::path from = fs::path(parent) / row_file.name;
      if (fs::exists(from, ec)) {
        write_file_atomically((fs::path(run_path) / row_file.name).string(),
                              read_file(from.string()));
      }
    }
    for (const auto& [n, grid] : RunDirectory::sample_grids(parent)) {
      write_file_atomically((fs::path(run_path) / "samples" / fs::path(grid).filename()).string(),
                            read_file(grid));
    }
  }
  std::string copy =
      (fs::path(run_path) / "checkpoints" / fs::path(checkpoint).filename()).string();
  write_file_atomically(copy, read_file(checkpoint));
  // The iteration is filled in once the checkpoint is loaded (TrainingRun::branch).
  write_parent(run_path, BranchPoint{parent.empty() ? std::string() : absolute_path(parent), 0,
                                     absolute_path(checkpoint)});
  return copy;
}

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  const fs::path full = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? path : full.string();
}

}  // namespace gs
