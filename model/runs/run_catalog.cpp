#include "model/runs/run_catalog.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "model/config/config.h"
#include "model/core/visible_text.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/json_text.h"
#include "model/runs/run_directory.h"
#include "model/runs/run_lock.h"
#include "model/runs/run_notes.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t kMostNameBytes = 4096;

std::string local_time(fs::file_time_type when) {
  const auto system = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      when - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
  const std::time_t t = std::chrono::system_clock::to_time_t(system);
  std::tm parts{};
  localtime_r(&t, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

std::string human_bytes(uint64_t bytes) {
  char text[32];
  if (bytes >= (uint64_t{1} << 30)) {
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / (1 << 30));
  } else if (bytes >= (1 << 20)) {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  } else {
    std::snprintf(text, sizeof text, "%.0f kB", static_cast<double>(bytes) / 1024);
  }
  return text;
}

}  // namespace

RunSummary summarize_run(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(path) / kConfigFile, ec)) {
    throw Error(path + ": not a run folder (no config.yaml)");
  }
  RunSummary run;
  run.path = path;
  run.name = visible_text(fs::path(path).filename().string());
  if (fs::exists(fs::symlink_status(fs::path(path) / kNameFile, ec))) {
    try {
      const std::string given =
          trimmed(read_file((fs::path(path) / kNameFile).string(), {kMostNameBytes, false}));
      if (!given.empty()) run.name = visible_text(given);
    } catch (const Error& error) {
      run.problem = error.what();  // the folder's name stands in
    }
  }
  // Started: the oldest file the run wrote (its configuration, rewritten on resume, only when
  // there is nothing else).
  // One walk of the folder gives both that and its size.
  fs::file_time_type first = fs::last_write_time(fs::path(path) / kConfigFile, ec);
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    run.bytes += it->file_size(ec);
    const std::string folder = it->path().parent_path().filename().string();
    if (it.depth() == 1 && (folder == "samples" || folder == "checkpoints"))
      first = std::min(first, it->last_write_time(ec));
  }
  run.started = local_time(first);
  try {
    run.note = read_run_note(path);
  } catch (const Error& error) {
    run.problem = error.what();
  }
  try {
    const RunConfig config = load_config((fs::path(path) / kConfigFile).string());
    run.preset = config.model.preset ? to_string(*config.model.preset) : "automatic";
    run.data = config.data.path;
    run.class_names = config.model.class_names;
    run.planned = config.training.iterations.value_or(config.training.epochs ? 0 : 50000);
    const std::optional<StepStats> last =
        read_last_metrics((fs::path(path) / kMetricsFile).string());
    run.done = last ? last->iteration : 0;
    const bool diverged = last && (!std::isfinite(last->d_loss) || !std::isfinite(last->g_loss));
    const std::vector<QualityScores> quality = read_quality(path);
    if (!quality.empty()) {
      run.fd = quality.back().fd;
      run.classes = quality.back().classes;
      run.classes_covered = quality.back().classes_covered;
    }
    try {
      run.parent = read_parent(path);
    } catch (const Error& error) {
      run.problem = visible_text(error.what());  // only the lineage is lost
    }
    if (!RunLock::owner_of(path).empty()) {
      run.state = "running";
    } else if (diverged) {
      run.state = "diverged";
    } else if (run.planned > 0 && run.done >= run.planned) {
      run.state = "finished";
    } else {
      run.state = "stopped";
    }
  } catch (const Error& error) {
    run.problem = visible_text(error.what());
    run.state = "damaged";
  }
  for (const auto& [iteration, file] : RunDirectory::numbered_checkpoints(path))
    run.checkpoints.push_back(iteration);
  return run;
}

namespace {

// A folder that summarize_run() could not read at all: listed, damaged, with the reason.
RunSummary damaged_run(const std::string& path, const std::string& problem) {
  RunSummary run;
  run.path = path;
  run.name = visible_text(fs::path(path).filename().string());
  run.state = "damaged";
  run.problem = visible_text(problem);
  return run;
}

}  // namespace

std::vector<RunSummary> list_runs(const std::string& folder) {
  std::vector<RunSummary> runs;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw Error(folder + ": no such folder");
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_error;
    if (!it->is_directory(entry_error) ||
        !fs::exists(fs::symlink_status(it->path() / kConfigFile, entry_error))) {
      continue;
    }
    // One run that cannot be read never hides the others.
    try {
      runs.push_back(summarize_run(it->path().string()));
    } catch (const Error& error) {
      runs.push_back(damaged_run(it->path().string(), error.what()));
    } catch (const std::exception& error) {
      runs.push_back(
          damaged_run(it->path().string(), std::string("cannot be read: ") + error.what()));
    }
  }
  std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) {
    return std::tie(a.started, a.path) < std::tie(b.started, b.path);
  });
  return runs;
}

std::string runs_table(const std::vector<RunSummary>& runs) {
  std::ostringstream out;
  char line[512];
  std::snprintf(line, sizeof line, "%-24s %-16s %-8s %-9s %17s %-16s %9s  %s\n", "run", "started",
                "preset", "state", "iterations", "quality", "size", "parent");
  out << line;
  for (const RunSummary& run : runs) {
    std::string quality = "-";
    if (run.fd) {
      char q[64];
      std::snprintf(q, sizeof q, "FD %.2f", *run.fd);
      quality = q;
      if (run.classes > 0)
        quality += " " + std::to_string(run.classes_covered) + "/" + std::to_string(run.classes);
    }
    const std::string iterations = std::to_string(run.done) + " / " + std::to_string(run.planned);
    const std::string parent = run.parent ? fs::path(run.parent->run).filename().string() + "@" +
                                                std::to_string(run.parent->iteration)
                                          : "";
    std::snprintf(line, sizeof line, "%-24s %-16s %-8s %-9s %17s %-16s %9s  %s\n", run.name.c_str(),
                  run.started.c_str(), visible_text(run.preset).c_str(), run.state.c_str(),
                  iterations.c_str(), quality.c_str(), human_bytes(run.bytes).c_str(),
                  visible_text(parent).c_str());
    out << line;
    if (!run.problem.empty()) out << "  " << run.problem << "\n";
  }
  return out.str();
}

std::string runs_json(const std::vector<RunSummary>& runs) {
  std::ostringstream out;
  out << "[";
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunSummary& run = runs[i];
    out << (i ? ",\n " : "\n ") << "{\"path\": " << json_string(run.path)
        << ", \"name\": " << json_string(run.name) << ", \"started\": " << json_string(run.started)
        << ", \"preset\": " << json_string(run.preset) << ", \"data\": " << json_string(run.data)
        << ", \"iterations_done\": " << run.done << ", \"iterations_planned\": " << run.planned
        << ", \"state\": " << json_string(run.state) << ", \"fd\": ";
    if (run.fd && std::isfinite(*run.fd)) {
      out << *run.fd;
    } else {
      out << "null";
    }
    out << ", \"classes_covered\": " << run.classes_covered << ", \"classes\": " << run.classes
        << ", \"class_names\": [";
    for (size_t c = 0; c < run.class_names.size(); ++c)
      out << (c ? ", " : "") << json_string(run.class_names[c]);
    out << "], \"checkpoints\": [";
    for (size_t c = 0; c < run.checkpoints.size(); ++c)
      out << (c ? ", " : "") << run.checkpoints[c];
    out << "], \"bytes\": " << run.bytes << ", \"parent\": ";
    if (run.parent) {
      out << "{\"run\": " << json_string(run.parent->run)
          << ", \"iteration\": " << run.parent->iteration
          << ", \"checkpoint\": " << json_string(run.parent->checkpoint) << "}";
    } else {
      out << "null";
    }
    out << ", \"note\": " << json_string(run.note);
    out << ", \"problem\": " << (run.problem.empty() ? "null" : json_string(run.problem)) << "}";
  }
  out << (runs.empty() ? "]\n" : "\n]\n");
  return out.str();
}

void set_run_name(const std::string& run_path, const std::string& name) {
  write_file_atomically((fs::path(run_path) / kNameFile).string(), name + "\n");
}

}  // namespace gs
