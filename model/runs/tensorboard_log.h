// A run's TensorBoard event file (outputs.tensorboard): an observer of the run core that writes
// every statistic of metrics.csv and quality.csv as scalars, the sample grids as images, D's
// outputs on real images and fakes (scores.csv) as histograms, the
// effective configuration as text (and again, as a note, when live settings change), and the
// HParams plugin's session records (every setting, the run folder's name as the group; its end
// when it completes or diverges), so a sweep's trials line up in TensorBoard's HParams tab. Events
// are buffered in memory and appended to RUN/events.out.tfevents.<time>.<host>.<pid>.0 at most
// every 2 seconds and when the run flushes (before each checkpoint, at the end). A resumed session
// opens a new file beside the old ones; TensorBoard reads them all as one run.
//
// Writing it never stops training: a failed write keeps the events for the next try (up to
// 16 MB, then the oldest are dropped and the loss is reported by error()).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/io/tfevents.h"
#include "model/runs/run_observer.h"

namespace gs {

class TensorBoardLog : public RunObserver {
 public:
  // Opens a new event file in `run_path` and writes the version record and the configuration.
  TensorBoardLog(const std::string& run_path, const RunConfig& config, int64_t iteration);
  ~TensorBoardLog() override;  // a last flush (errors ignored)
  TensorBoardLog(const TensorBoardLog&) = delete;
  TensorBoardLog& operator=(const TensorBoardLog&) = delete;

  void on_iteration(const StepStats& stats) override;
  void on_grid(int64_t iteration, const ImageBatch& grid) override;
  void on_quality(const QualityScores& scores) override;
  void on_scores(const DiscriminatorScores& scores) override;
  void on_live_change(const std::vector<SettingChange>& changes) override;
  void on_diverged(const StepStats& stats) override;  // the HParams session ends in failure

  // The HParams session's end (a run that completed its iterations: success). A run that stops
  // before its end writes none: it may be resumed.
  void end_session(tfevents::SessionStatus status);

  // A grid already drawn (a sample file of an earlier run).
  void add_grid(int64_t iteration, const Image& grid);

  // Appends the buffered events to the file (throws Error naming it; they stay buffered).
  void flush();
  const std::string& path() const { return path_; }
  // The last write problem ("" when none).
  const std::string& error() const { return error_; }

 private:
  void add(const std::string& event);
  void flush_if_due();

  std::string path_;
  std::string buffer_;
  std::string error_;
  std::vector<std::string> class_names_;  // the data set's, for the quality histogram's table
  double last_flush_s_ = 0;
  bool metrics_described_ = false;  // the scalars plugin's metadata written for them
};

// Event files for a run folder written before (or without) outputs.tensorboard: its metrics,
// quality rows, changes, sample grids and configuration into a new event file in `out_folder`
// (created). Returns the file's path; throws Error naming what cannot be read or written.
std::string export_tensorboard(const std::string& run_path, const std::string& out_folder);

}  // namespace gs
