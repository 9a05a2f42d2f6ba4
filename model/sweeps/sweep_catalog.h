// What a sweep folder holds, at a glance: its plan and record (sweep.yaml) with each trial's run
// folder read as the runs panel reads runs, so a sweep another process is running shows its
// trials' progress as they train. For the window's runs panel. Reads only (no lock).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/runs/run_catalog.h"
#include "model/sweeps/sweep.h"

namespace gs {

struct SweepTrialSummary {
  std::string name;                             // trial-001
  std::string path;                             // its run folder ("" before it started)
  std::map<std::string, std::string> settings;  // swept key -> value text
  std::string state;                            // pending, running, finished, halted, ...
  int64_t iterations = 0;
  double seconds = 0;
  std::optional<double> fd;  // the quality meter's distance (the sweep's, else the run's newest)
  int classes_covered = 0;
  int classes = 0;
  int rank = 0;                   // 1 for the best trial; 0 for a trial without a distance
  std::optional<RunSummary> run;  // its run folder, once it has one
};

struct SweepSummary {
  std::string path;
  std::string name;  // the folder's name
  std::string method;
  std::string budget;
  int parallel = 1;
  std::vector<Dimension> space;           // the swept settings (the chart's axes)
  std::vector<SweepTrialSummary> trials;  // in their order (trial-001 first)
  std::string best;     // the best trial's run folder ("" while none has a distance)
  std::string problem;  // why sweep.yaml could not be read ("" when it could)
};

// Whether `folder` holds a sweep (its sweep.yaml).
bool is_sweep_folder(const std::string& folder);
// The sweep in `folder`; throws Error when it holds none. A damaged sweep.yaml comes back with its
// problem and no trials.
SweepSummary summarize_sweep(const std::string& folder);
// `folder` itself when it is a sweep, else every sweep folder directly inside it, oldest first.
std::vector<SweepSummary> list_sweeps(const std::string& folder);

// The sweep in `folder` (its sweep.yaml; throws Error naming the file).
Sweep read_sweep(const std::string& folder);
// A trial's run folder.
std::string trial_folder(const std::string& sweep_folder, const Trial& trial);

}  // namespace gs
