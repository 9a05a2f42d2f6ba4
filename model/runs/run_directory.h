// A run folder on disk, shared by the CLI and the window:
//   config.yaml                 the effective configuration
//   metrics.csv                 one row per iteration (header: kMetricsHeader)
//   samples/iter_NNNNNNN.png    the 8 x 8 grid of the fixed latent batch
//   checkpoints/iter_NNNNNNN.pt checkpoints; the newest is the one to resume from
//   changes.csv                 settings changed while training ran (iteration,key,value)
//   quality.csv                 the quality meter's scores (quality.every)
//   health.csv                  the health monitor's warnings
//   scores.csv                  D's outputs on real images, fakes and the grid (score_samples)
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/health/health_warning.h"
#include "model/io/images.h"
#include "model/metrics/discriminator_scores.h"
#include "model/metrics/quality_scores.h"
#include "model/metrics/step_stats.h"
#include "model/runs/row_log.h"
#include "model/runs/run_lock.h"

namespace gs {

inline constexpr const char* kConfigFile = "config.yaml";
inline constexpr const char* kMetricsFile = "metrics.csv";
inline constexpr const char* kChangesFile = "changes.csv";
inline constexpr const char* kQualityFile = "quality.csv";
inline constexpr const char* kHealthFile = "health.csv";
inline constexpr const char* kScoresFile = "scores.csv";

// One row per iteration. time_s: wall-clock seconds since this session of the run began training
// (it restarts at 0 when a run is resumed); the gaps between rows include everything around the
// steps, so it/s computed from it is what a person sees. augment_p: the augmentation's strength
// (training.augment; 0 when off, 1 for diffaugment, adaptive for ada).
inline constexpr const char* kMetricsHeader =
    "iteration,d_loss,d_acc,g_loss,g_acc,d_real,d_fake,d_grad_norm,g_grad_norm,step_ms,time_s,"
    "augment_p";
// Settings changed while training ran: the first iteration that used them.
inline constexpr const char* kChangesHeader = "iteration,key,value";
// Rows of changes.csv whose key starts with this acknowledge a control request
// (control_channel.h: "control.pause", ...); the others are settings.
inline constexpr const char* kControlKeyPrefix = "control.";
// The quality meter's scores (histogram: shares of the classes, separated by ';'; memorised:
// the share of samples that copy training images; files written before it read without it).
inline constexpr const char* kQualityHeader =
    "iteration,samples,fd,classes,classes_covered,kl,confidence,precision,recall,histogram,"
    "conditional_accuracy,memorised";
// The health monitor's warnings.
inline constexpr const char* kHealthHeader = "iteration,rule,paused,detail";
// D's outputs with each grid (discriminator_scores.h): the real images' and the fakes' mean and
// 5/25/50/75/95% quantiles, and the grid's mean.
inline constexpr const char* kScoresHeader =
    "iteration,real_mean,real_p05,real_p25,real_p50,real_p75,real_p95,fake_mean,fake_p05,"
    "fake_p25,fake_p50,fake_p75,fake_p95,grid_mean";

// Every row file of a run folder: what a branch copies and a resumed run truncates.
struct RowFile {
  const char* name;
  const char* header;
};
inline constexpr RowFile kRowFiles[] = {{kMetricsFile, kMetricsHeader},
                                        {kChangesFile, kChangesHeader},
                                        {kQualityFile, kQualityHeader},
                                        {kHealthFile, kHealthHeader},
                                        {kScoresFile, kScoresHeader}};

class RunDirectory {
 public:
  // Creates (or reuses) the folder and its samples/ and checkpoints/ subfolders, locks it (RunLock:
  // one writer at a time) and removes temporary files that a killed writer left. Throws Error when
  // the folder cannot be created, another process owns it, or it already holds a different run's
  // metrics and `resuming` is false (nothing of an earlier run is ever overwritten by a new one).
  RunDirectory(std::string path, bool resuming);
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  const std::string& path() const { return path_; }

  void write_config(const RunConfig& config) const;

  // Rows of metrics.csv wait in memory and reach the disk at least every second and on flush();
  // the rarer files (changes, quality, health) are written at once. A failed write throws Error
  // and keeps the rows it could not write for the next flush: nothing is lost.
  void append_metrics(const StepStats& stats);
  void append_changes(const std::vector<SettingChange>& changes);
  void append_quality(const QualityScores& scores);
  void append_health(const HealthWarning& warning);
  void append_scores(const DiscriminatorScores& scores);
  void flush();
  // flush(), then fsync of every row file: what must hold before a checkpoint is renamed into
  // place (every iteration it covers has its rows on disk).
  void sync();
  // Keeps the rows up to `iteration` in every row file (resuming from an older checkpoint).
  void truncate_after(int64_t iteration);

  std::string write_sample_grid(int64_t iteration, const ImageBatch& batch) const;

  // Writes the numbered checkpoint of `iteration` with `write` (which writes a checkpoint file to
  // the path it is given, atomically: Trainer::save_checkpoint), then removes the oldest beyond
  // `keep` (0: keep all) except those at multiples of `keep_every` iterations (0: none). Call
  // sync() first.
  std::string write_checkpoint(int64_t iteration,
                               const std::function<void(const std::string& path)>& write, int keep,
                               int64_t keep_every = 0) const;

  std::string sample_path(int64_t iteration) const;
  std::string checkpoint_path(int64_t iteration) const;

  // Temporary files of interrupted atomic writes (".NAME.tmp-XXXXXX") in the folder and its
  // checkpoints/ and samples/; removes them and returns how many. Only the lock's owner may.
  static int remove_stale_temporaries(const std::string& run_path);

  // Every checkpoint file in the folder, oldest first; and the same with their iterations.
  static std::vector<std::string> checkpoints(const std::string& run_path);
  static std::vector<std::pair<int64_t, std::string>> numbered_checkpoints(
      const std::string& run_path);
  // Where a run keeps the checkpoint and the sample grid of an iteration (they may not exist).
  static std::string checkpoint_file(const std::string& run_path, int64_t iteration);
  static std::string sample_file(const std::string& run_path, int64_t iteration);
  // `path` if it is a file; the newest checkpoint if it is a run folder; throws Error otherwise.
  static std::string find_checkpoint(const std::string& path);
  // The run folder `path` belongs to: `path` itself when it is a folder, RUN for a checkpoint
  // RUN/checkpoints/iter_N.pt, "" for a checkpoint outside any run folder. The one place that
  // knows the layout.
  static std::string run_folder_of(const std::string& path);
  // Every sample grid of the run, by iteration.
  static std::vector<std::pair<int64_t, std::string>> sample_grids(const std::string& run_path);
  // What a time-lapse of the run shows (GIF, video): every `step`-th grid from the first, and
  // always the newest. Throws Error naming the run when it holds no grid.
  static std::vector<std::pair<int64_t, std::string>> time_lapse_grids(const std::string& run_path,
                                                                       int step);

 private:
  std::string file(const char* name) const;
  RowLog& log(std::unique_ptr<RowLog>& slot, const char* name, const char* header);
  std::unique_ptr<RowLog>& slot(const char* name);  // the log of one of kRowFiles

  std::string path_;
  RunLock lock_;
  std::unique_ptr<RowLog> metrics_;
  std::unique_ptr<RowLog> changes_;  // the others are opened when first needed
  std::unique_ptr<RowLog> quality_;
  std::unique_ptr<RowLog> health_;
  std::unique_ptr<RowLog> scores_;
  double last_flush_s_ = 0;
};

// Reads metrics.csv (for the window's plots when a run is resumed); columns by name, so files of
// older versions read too; throws Error naming the file, line and column of a bad value.
// `times`, when given, receives the time_s column (files without it give none).
std::vector<StepStats> read_metrics(const std::string& csv_path,
                                    std::vector<double>* times = nullptr);

// metrics.csv's text (a header line, then rows), as read_metrics does for a file: `name` names
// it in errors.
std::vector<StepStats> parse_metrics(std::string_view text, const std::string& name,
                                     std::vector<double>* times = nullptr);

// Training time since the run began, one value per metrics row, from the rows' time_s (which
// restarts at 0 in each session: a resumed run or a branch continues from the time before) or,
// for files without it, from the sum of step_ms. Seconds, never decreasing.
std::vector<double> training_time(const std::vector<StepStats>& rows,
                                  const std::vector<double>& times);
// The same, one row at a time (a watcher reading rows as they come): time_s values in file order
// to training time.
class TrainingClock {
 public:
  double next(double time_s) {
    if (time_s < last_) offset_ += last_;  // a new session
    last_ = time_s;
    return offset_ + time_s;
  }

 private:
  double last_ = 0;
  double offset_ = 0;  // the sessions before this one
};

// The training time at the last row of a metrics.csv (0 when it has none): where a resumed run's
// clock goes on from.
double training_seconds(const std::string& csv_path);

// The last row of metrics.csv (none when it has none), reading only the file's two ends.
std::optional<StepStats> read_last_metrics(const std::string& csv_path);

// The other row files of a run folder (empty when the run has none); errors as read_metrics.
std::vector<SettingChange> read_changes(const std::string& run_path);
// The settings among changes.csv's rows (control acknowledgements left out), grouped by the
// iteration that first used them: the changes made together, as the charts mark them.
std::vector<std::vector<SettingChange>> settings_by_iteration(
    const std::vector<SettingChange>& rows);
std::vector<QualityScores> read_quality(const std::string& run_path);
std::vector<HealthWarning> read_health(const std::string& run_path);
std::vector<ScoreRow> read_scores(const std::string& run_path);

// "runs/20261127-230501": a fresh folder name under `parent` from the local time.
std::string default_run_path(const std::string& parent = "runs");

}  // namespace gs
