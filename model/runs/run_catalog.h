// What the runs in a folder are, at a glance: for `ganstudio-cli runs` and the window's runs
// panel. Reads only (no lock): a run another process is writing is listed as running.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/runs/lineage.h"

namespace gs {

inline constexpr const char* kNameFile = "name.txt";  // a display name a person gave the run

struct RunSummary {
  std::string path;
  std::string name;     // the display name, else the folder's name
  std::string started;  // "YYYY-MM-DD HH:MM" (local time) of the run's first file
  std::string preset;
  std::string data;
  int64_t done = 0;          // iterations in metrics.csv
  int64_t planned = 0;       // training.iterations
  std::string state;         // running, finished, diverged, stopped
  std::optional<double> fd;  // the newest quality measurement, when the meter ran
  int classes_covered = 0;
  int classes = 0;
  std::vector<std::string> class_names;  // the data set's classes by name (model.class_names)
  std::vector<int64_t> checkpoints;      // iterations of the checkpoints kept
  uint64_t bytes = 0;                    // on disk, every file in the folder
  std::optional<BranchPoint> parent;
  std::string note;     // a person's note on the run (run_notes.h), Markdown
  std::string problem;  // why the run could not be read fully ("" when it could)
};

// The run in `path` (a folder holding config.yaml). Throws Error when it is not a run folder.
RunSummary summarize_run(const std::string& path);
// Every run folder directly inside `folder`, oldest first; folders that are not runs are skipped,
// damaged runs are listed with their problem.
std::vector<RunSummary> list_runs(const std::string& folder);

// As a table for people, and as JSON for scripts.
std::string runs_table(const std::vector<RunSummary>& runs);
std::string runs_json(const std::vector<RunSummary>& runs);

// Sets (or clears, with "") the display name of a run.
void set_run_name(const std::string& run_path, const std::string& name);

}  // namespace gs
