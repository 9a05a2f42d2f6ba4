// One training run: the trainer, its run folder and the policy of every iteration (the metrics row,
// the divergence check, the sample-grid and checkpoint cadence, live changes). The CLI and the
// window are drivers of this class: they decide when step() is called (a loop with Ctrl-C; a
// worker thread with pause, step and pacing) and listen through RunObserver, where features that
// follow training (progress lines, charts, the quality meter, the health monitor) plug in once for
// both programs. No LibTorch types here.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/health/health_monitor.h"
#include "model/health/health_warning.h"
#include "model/io/images.h"
#include "model/metrics/quality_request.h"
#include "model/metrics/quality_scores.h"
#include "model/runs/run_observer.h"
#include "model/training/trainer.h"

namespace gs {

class RankAgreement;
class RunDirectory;
class TensorBoardLog;

// How a run gets its generator measured: it hands a request to whoever measures (the CLI at once,
// the window on its generator thread), who gives the scores back with record_quality().
using QualityRequester = std::function<void(QualityRequest request)>;

// What changes in a run's stored configuration when it is resumed or branched: assignments as the
// CLI's --set gives them ("key=value", the value YAML), or the keys a configuration sets (the
// window's form: every key it sets replaces the stored one; apply_keys_set()).
class ConfigEdit {
 public:
  ConfigEdit() = default;
  ConfigEdit(std::vector<std::string> assignments) : assignments_(std::move(assignments)) {}
  ConfigEdit(std::initializer_list<std::string> assignments) : assignments_(assignments) {}
  static ConfigEdit keys_set_in(RunConfig config);
  void apply(RunConfig& config) const;

 private:
  std::vector<std::string> assignments_;
  std::optional<RunConfig> keys_;
};

enum class StepResult {
  Trained,   // one iteration done
  Complete,  // the run has all its iterations; nothing was trained
  Diverged,  // the losses are not finite (now or earlier): the run cannot go on
  Paused,    // a health warning asks the person to look (health.pause_on_*); the run can go on
};

class TrainingRun {
 public:
  // A new run into `run_path` (created; refused when it already holds a run). Loads the data set
  // first, so a bad data path leaves no folder behind. Throws Error.
  // `progress` hears of an image folder's files as they load, and may cancel (LoadCancelled).
  static std::unique_ptr<TrainingRun> start(RunConfig config, const std::string& run_path,
                                            const LoadProgress& progress = {});

  // Continues a run from `checkpoint_or_run` (a checkpoint file, or a run folder's newest): the
  // checkpoint's configuration with `overrides` applied, in `run_path` ("": the run folder the
  // checkpoint belongs to). Rows of the run's files after the checkpoint's iteration are dropped;
  // live settings that the overrides change are recorded in changes.csv. A run folder without
  // checkpoints (its first one failed) starts again from iteration 0 with its config.yaml, its rows
  // dropped. Throws Error. `progress` as for start(): the data loads before the run folder is
  // touched.
  static std::unique_ptr<TrainingRun> resume(const std::string& checkpoint_or_run,
                                             const ConfigEdit& overrides = {},
                                             const std::string& run_path = {},
                                             const LoadProgress& progress = {});

  // A new run in `run_path` that starts from a checkpoint of another run: `spec` is
  // "RUN_DIR@ITERATION", "RUN_DIR" (its newest checkpoint) or a checkpoint file. The branch has
  // the parent's exact state at that iteration, its rows up to there (copied: the parent is never
  // written), the checkpoint's configuration with `overrides` applied (any key, also those locked
  // during a run, as long as the networks stay the same), and records its parent in parent.yaml
  // (lineage.h). Throws Error.
  static std::unique_ptr<TrainingRun> branch(const std::string& spec, const ConfigEdit& overrides,
                                             const std::string& run_path);

  // The configuration resume(checkpoint_or_run, overrides) trains with (and a branch from that
  // checkpoint): the checkpoint's, or for a run folder without checkpoints its config.yaml, with
  // `overrides` applied. Reads nothing else; throws Error. (What a data-parallel job's ranks
  // compare before any of them opens the run.)
  static RunConfig resumed_config(const std::string& checkpoint_or_run,
                                  const ConfigEdit& overrides = {});

  // What a person does after a divergence: the run again from its newest checkpoint (or from the
  // start when it has none) with both learning rates multiplied by `factor`, recorded as a change.
  // `run` is finished with first (its rows are kept up to that checkpoint).
  static std::unique_ptr<TrainingRun> roll_back(std::unique_ptr<TrainingRun> run, double factor);

  ~TrainingRun();
  TrainingRun(const TrainingRun&) = delete;
  TrainingRun& operator=(const TrainingRun&) = delete;

  // Observers are not owned; remove one before it dies if the run outlives it.
  void add_observer(RunObserver* observer);
  void remove_observer(RunObserver* observer);

  // One iteration and everything due after it: the row in metrics.csv (buffered), the divergence
  // check, the sample grid every outputs.sample_every and the checkpoint every
  // outputs.checkpoint_every iterations. Throws TrainingError when the step fails and Error when a
  // file cannot be written (the row then waits in memory: nothing is lost, the caller may retry
  // later with flush()).
  StepResult step();

  // The one way to change the live settings (from the next iteration on): the live keys of `wanted`
  // (a resolved configuration, usually config() with some of them changed) that differ from the
  // run's. The changes are recorded in changes.csv and config.yaml and reported to observers;
  // returned too.
  std::vector<SettingChange> change_settings(const RunConfig& wanted);

  // A request of the control channel (control_channel.h) was acted on: recorded in changes.csv
  // as "control.<what>" with who asked, at the next iteration (watchers read it there).
  void record_control(const std::string& what, const std::string& from);

  // The quality meter: `requester` gets a request every quality.every iterations and on
  // request_quality(); record_quality() takes the scores back (quality.csv, observers, health).
  void set_quality_requester(QualityRequester requester);
  void request_quality();
  void record_quality(const QualityScores& scores);

  // The fixed latent batch through G now (no file): the grid a window shows before training.
  ImageBatch grid();
  // D's verdict on each image of such a grid (what draw_grid reports with its scores), without a
  // row in scores.csv: for a grid shown on Pause or Step. Empty when outputs.score_samples is 0.
  std::vector<float> grid_verdicts(const ImageBatch& grid);
  // Draws the grid, writes samples/iter_N.png and tells observers; returns the file's path.
  std::string draw_grid();
  // Writes the pending metrics rows to disk, then checkpoints/iter_N.pt; returns its path.
  std::string save_checkpoint();
  // Writes the pending metrics rows to disk (throws Error on failure; the rows stay pending), and
  // the TensorBoard events (whose failures never stop a run: tensorboard_error() tells).
  void flush();
  std::string tensorboard_error() const;

  struct Ending {
    std::string checkpoint;  // the newest checkpoint ("" when none)
    std::string grid;        // the grid of the last iteration ("" when this session trained none)
  };
  // Ends this session: rows to disk and, unless the run diverged, a grid of the last iteration and
  // a checkpoint of the current state (each unless already written).
  Ending finish();

  // Makes this run rank 0 of a data-parallel job (Trainer::join): its folder, rows, grids and
  // checkpoints are the job's, written by this process alone.
  void join(std::shared_ptr<ProcessGroup> group) { trainer_->join(std::move(group)); }

  const Trainer& trainer() const { return *trainer_; }
  const RunConfig& config() const { return trainer_->config(); }
  const std::string& path() const;
  int64_t iteration() const { return trainer_->iteration(); }
  int64_t total_iterations() const { return trainer_->total_iterations(); }
  bool complete() const { return iteration() >= total_iterations(); }
  // The iteration this session began at (non-zero when resumed).
  int64_t first_iteration() const { return first_iteration_; }
  // The checkpoint this session resumed from ("" for a new run).
  const std::string& resumed_from() const { return resumed_from_; }
  // Whether this session started a run folder without checkpoints again from iteration 0.
  bool restarted() const { return restarted_; }
  bool diverged() const { return diverged_; }
  // The newest checkpoint of the run ("" when there is none yet).
  const std::string& last_checkpoint() const { return last_checkpoint_; }

 private:
  TrainingRun(std::unique_ptr<Trainer> trainer, std::unique_ptr<RunDirectory> directory);
  static std::unique_ptr<TrainingRun> from_scratch(const std::string& run_path,
                                                   const LoadProgress& progress,
                                                   const ConfigEdit& overrides);
  // The run's clock: stamps an iteration's statistics with the session's and the run's time.
  void stamp_time(StepStats& stats);
  void report_divergence(const StepStats& stats);
  void report_health(const std::vector<HealthWarning>& warnings);

  std::unique_ptr<Trainer> trainer_;
  std::unique_ptr<RunDirectory> directory_;
  std::unique_ptr<HealthMonitor> health_;
  std::unique_ptr<TensorBoardLog> tensorboard_;  // outputs.tensorboard; the first observer
  QualityRequester quality_requester_;
  std::vector<RunObserver*> observers_;
  bool pause_pending_ = false;
  int64_t first_iteration_ = 0;
  int64_t grid_iteration_ = -1;        // the iteration of the newest grid written
  int64_t checkpoint_iteration_ = -1;  // the iteration of the newest checkpoint
  std::string last_checkpoint_;
  std::string resumed_from_;
  bool restarted_ = false;
  bool diverged_ = false;
  bool divergence_reported_ = false;
  bool session_ended_ = false;  // TensorBoard's HParams session end written
  StepStats diverged_stats_;
  // The clock: this session's start (set at its first iteration) and the training time of the
  // sessions before it (a resumed run's, a branch's parent's up to the branch point).
  bool session_started_ = false;
  std::chrono::steady_clock::time_point session_start_;
  double earlier_sessions_s_ = 0;
};

// The iterations of a data-parallel rank other than 0, which has a trainer and no run folder
// (Trainer::join): before each, what the ranks agree on (rank 0's TrainingRun and RunSteering
// decide; `interrupted` says whether this process was asked to stop), then the live settings
// rank 0 took and one step, until they agree to stop.
void follow_rank_zero(Trainer& trainer, RankAgreement& agreement,
                      const std::function<bool()>& interrupted);

}  // namespace gs
