// A run folder on disk, shared by the CLI and the window:
//   config.yaml                 the effective configuration
//   metrics.csv                 one row per iteration (header: kMetricsHeader)
//   samples/iter_NNNNNNN.png    the 8 x 8 grid of the fixed latent batch
//   checkpoints/iter_NNNNNNN.pt checkpoints; the newest is the one to resume from
//   changes.csv                 settings changed while training ran (iteration,key,value)
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/io/images.h"
#include "model/training/trainer.h"

namespace gs {

// time_s: wall-clock seconds since this session of the run began training (it restarts at 0 when
// a run is resumed); the gaps between rows include everything around the steps, so it/s computed
// from it is what a person sees.
inline constexpr const char* kConfigFile = "config.yaml";
inline constexpr const char* kMetricsFile = "metrics.csv";
inline constexpr const char* kChangesFile = "changes.csv";

inline constexpr const char* kMetricsHeader =
    "iteration,d_loss,d_acc,g_loss,g_acc,d_real,d_fake,step_ms,time_s";

class RunDirectory {
 public:
  // Creates (or reuses) the folder and its samples/ and checkpoints/ subfolders.
  // Throws Error when the folder cannot be created or already holds a different run's metrics and
  // `resuming` is false (nothing of an earlier run is ever overwritten by a new one).
  RunDirectory(std::string path, bool resuming);
  ~RunDirectory();

  const std::string& path() const { return path_; }

  void write_config(const RunConfig& config) const;

  // Appends a row; rows are buffered and reach the disk at least every second and on flush().
  // A failed flush throws Error and keeps the rows it could not write for the next one.
  void append_metrics(const StepStats& stats);
  void flush_metrics();
  // Keeps the rows up to `iteration` (resuming from a checkpoint older than the last rows).
  void truncate_metrics_after(int64_t iteration);

  // Records settings changed during the run (the window marks these on its plots).
  void append_changes(const std::vector<SettingChange>& changes) const;
  // Keeps the changes up to `iteration` (resuming from an older checkpoint).
  void truncate_changes_after(int64_t iteration) const;

  std::string write_sample_grid(int64_t iteration, const ImageBatch& batch) const;

  // Writes a numbered checkpoint, then removes the oldest beyond `keep` (0: keep all).
  std::string write_checkpoint(const Trainer& trainer, int keep) const;

  std::string sample_path(int64_t iteration) const;
  std::string checkpoint_path(int64_t iteration) const;

  // Every checkpoint file in the folder, oldest first.
  static std::vector<std::string> checkpoints(const std::string& run_path);
  // `path` if it is a file; the newest checkpoint if it is a run folder; throws Error otherwise.
  static std::string find_checkpoint(const std::string& path);
  // The run folder `path` belongs to: `path` itself when it is a folder, RUN for a checkpoint
  // RUN/checkpoints/iter_N.pt, "" for a checkpoint outside any run folder. The one place that
  // knows the layout.
  static std::string run_folder_of(const std::string& path);
  // Every sample grid of the run, by iteration.
  static std::vector<std::pair<int64_t, std::string>> sample_grids(const std::string& run_path);

 private:
  std::string path_;
  void open_metrics();

  int metrics_fd_ = -1;
  std::string pending_;  // rows not yet on disk
  double last_flush_s_ = 0;
  double session_start_s_ = -1;  // set at the first row
};

// Reads metrics.csv (for the window's plots when a run is resumed); throws Error on a bad row.
// `times`, when given, receives the time_s column (files without it give none).
std::vector<StepStats> read_metrics(const std::string& csv_path,
                                    std::vector<double>* times = nullptr);

// Reads changes.csv of a run folder (empty when there is none).
std::vector<SettingChange> read_changes(const std::string& run_path);

// "runs/20261127-230501": a fresh folder name under `parent` from the local time.
std::string default_run_path(const std::string& parent = "runs");

}  // namespace gs
