#include "model/sweeps/sweep_catalog.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string sweep_file(const std::string& folder) { return folder + "/" + kSweepFile; }

SweepTrialSummary summarize_trial(const std::string& folder, const Trial& trial) {
  SweepTrialSummary row;
  row.name = trial.name;
  row.settings = trial.settings;
  row.state = to_string(trial.state);
  row.iterations = trial.iterations;
  row.seconds = trial.seconds;
  row.fd = trial.fd;
  row.classes_covered = trial.classes_covered;
  row.classes = trial.classes;
  const std::string run = trial_folder(folder, trial);
  std::error_code ec;
  if (!fs::exists(run + "/config.yaml", ec)) return row;
  row.path = run;
  try {
    row.run = summarize_run(run);
  } catch (const Error&) {
    return row;  // a folder the trial is still creating
  }
  // A trial in training: its run folder is newer than the sweep's record.
  if (trial.state == TrialState::Running || trial.state == TrialState::Pending) {
    row.iterations = std::max(row.iterations, row.run->done);
    if (!row.fd && row.run->fd) {
      row.fd = row.run->fd;
      row.classes_covered = row.run->classes_covered;
      row.classes = row.run->classes;
    }
  }
  return row;
}

}  // namespace

bool is_sweep_folder(const std::string& folder) {
  std::error_code ec;
  return fs::is_regular_file(sweep_file(folder), ec);
}

Sweep read_sweep(const std::string& folder) {
  const std::string path = sweep_file(folder);
  return parse_sweep(read_file(path, ReadLimits{16 << 20}), path);
}

std::string trial_folder(const std::string& sweep_folder, const Trial& trial) {
  return sweep_folder + "/" + kTrialsFolder + "/" + trial.name;
}

SweepSummary summarize_sweep(const std::string& folder) {
  if (!is_sweep_folder(folder))
    throw Error(folder + ": not a sweep folder (no " + kSweepFile + ")");
  SweepSummary summary;
  summary.path = folder;
  summary.name = fs::path(folder).filename().string();
  if (summary.name.empty()) summary.name = fs::path(folder).parent_path().filename().string();
  Sweep sweep;
  try {
    sweep = read_sweep(folder);
  } catch (const Error& error) {
    summary.problem = error.what();
    return summary;
  }
  summary.method = to_string(sweep.method);
  summary.budget = sweep.budget.text();
  summary.parallel = sweep.parallel;
  summary.space = sweep.space;
  for (Trial& trial : sweep.trials) {
    summary.trials.push_back(summarize_trial(folder, trial));
    // A trial in training may have a distance its run folder has and the record not yet.
    trial.fd = summary.trials.back().fd;
    trial.classes_covered = summary.trials.back().classes_covered;
  }
  // Ranked as the CLI's summary ranks (ranked(): by distance, ties by classes covered).
  int rank = 0;
  for (const Trial* trial : ranked(sweep)) {
    if (!trial->fd) break;  // the unscored come last
    SweepTrialSummary& row = summary.trials[static_cast<size_t>(trial - sweep.trials.data())];
    row.rank = ++rank;
    if (summary.best.empty()) summary.best = row.path;
  }
  return summary;
}

std::vector<SweepSummary> list_sweeps(const std::string& folder) {
  if (is_sweep_folder(folder)) return {summarize_sweep(folder)};
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_error;
    if (!it->is_directory(entry_error) || !is_sweep_folder(it->path().string())) continue;
    found.emplace_back(fs::last_write_time(it->path() / kSweepFile, entry_error),
                       it->path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<SweepSummary> sweeps;
  for (const auto& item : found) {
    try {
      sweeps.push_back(summarize_sweep(item.second));
    } catch (const Error&) {
      // went away between the listing and the reading
    }
  }
  return sweeps;
}

}  // namespace gs
