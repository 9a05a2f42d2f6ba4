#include "model/training/training_run.h"

#include <algorithm>
#include <cmath>

#include "model/io/error.h"
#include "model/runs/run_directory.h"

namespace gs {

namespace {

bool finite(const StepStats& s) { return std::isfinite(s.d_loss) && std::isfinite(s.g_loss); }

}  // namespace

TrainingRun::TrainingRun(std::unique_ptr<Trainer> trainer, std::unique_ptr<RunDirectory> directory)
    : trainer_(std::move(trainer)),
      directory_(std::move(directory)),
      first_iteration_(trainer_->iteration()) {}

TrainingRun::~TrainingRun() = default;

std::unique_ptr<TrainingRun> TrainingRun::start(RunConfig config, const std::string& run_path) {
  config.outputs.run_dir = run_path;
  auto trainer = std::make_unique<Trainer>(config);  // the data first: a bad path leaves no folder
  auto directory = std::make_unique<RunDirectory>(run_path, /*resuming=*/false);
  std::unique_ptr<TrainingRun> run(new TrainingRun(std::move(trainer), std::move(directory)));
  run->directory_->write_config(run->config());
  return run;
}

std::unique_ptr<TrainingRun> TrainingRun::resume(const std::string& checkpoint_or_run,
                                                 const std::vector<std::string>& overrides,
                                                 const std::string& run_path) {
  const std::string checkpoint = RunDirectory::find_checkpoint(checkpoint_or_run);
  const RunConfig stored = read_checkpoint_config(checkpoint);
  RunConfig config = stored;
  for (const std::string& assignment : overrides) apply_assignment(config, assignment);
  const std::string home = RunDirectory::run_folder_of(checkpoint);
  std::string path = !run_path.empty() ? run_path : !home.empty() ? home : config.outputs.run_dir;
  if (path.empty()) {
    throw Error(checkpoint + ": the checkpoint is outside a run folder and names none; give one");
  }
  config.outputs.run_dir = path;

  auto trainer = std::make_unique<Trainer>(config);
  trainer->load_checkpoint(checkpoint);
  auto directory = std::make_unique<RunDirectory>(path, /*resuming=*/true);
  std::unique_ptr<TrainingRun> run(new TrainingRun(std::move(trainer), std::move(directory)));
  const int64_t at = run->iteration();
  run->resumed_from_ = checkpoint;
  run->grid_iteration_ = at;
  if (home == path) {
    run->checkpoint_iteration_ = at;
    run->last_checkpoint_ = checkpoint;
  }
  // What came after the checkpoint never happened for this run.
  run->directory_->truncate_metrics_after(at);
  run->directory_->truncate_changes_after(at);
  run->directory_->write_config(run->config());
  // Live settings the overrides changed belong to the run's history.
  std::vector<SettingChange> changes =
      live_changes(live_settings_of(resolve(stored, /*cuda=*/false)), run->live_settings());
  for (SettingChange& change : changes) change.iteration = at + 1;
  run->directory_->append_changes(changes);
  return run;
}

void TrainingRun::add_observer(RunObserver* observer) { observers_.push_back(observer); }

void TrainingRun::remove_observer(RunObserver* observer) {
  observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

const std::string& TrainingRun::path() const { return directory_->path(); }

void TrainingRun::report_divergence(const StepStats& stats) {
  if (divergence_reported_) return;
  divergence_reported_ = true;
  for (RunObserver* observer : observers_) observer->on_diverged(stats);
}

StepResult TrainingRun::step() {
  if (diverged_) {
    report_divergence(diverged_stats_);
    return StepResult::Diverged;
  }
  if (complete()) return StepResult::Complete;
  const StepStats stats = trainer_->step();
  for (RunObserver* observer : observers_) observer->on_iteration(stats);
  if (!finite(stats)) {
    diverged_ = true;
    diverged_stats_ = stats;
  }
  directory_->append_metrics(stats);
  if (diverged_) {
    directory_->flush_metrics();
    report_divergence(stats);
    return StepResult::Diverged;
  }
  const OutputConfig& outputs = config().outputs;
  const int64_t i = stats.iteration;
  if (outputs.sample_every > 0 && i % outputs.sample_every == 0) draw_grid();
  if (outputs.checkpoint_every > 0 && i % outputs.checkpoint_every == 0) save_checkpoint();
  return StepResult::Trained;
}

LiveSettings TrainingRun::live_settings() const { return trainer_->live_settings(); }

std::vector<SettingChange> TrainingRun::change_settings(const LiveSettings& settings) {
  std::vector<SettingChange> changes = live_changes(trainer_->live_settings(), settings);
  if (changes.empty()) return changes;
  trainer_->set_live_settings(settings);
  for (SettingChange& change : changes) change.iteration = iteration() + 1;
  for (RunObserver* observer : observers_) observer->on_live_change(changes);
  directory_->append_changes(changes);
  directory_->write_config(config());
  return changes;
}

ImageBatch TrainingRun::grid() { return trainer_->fixed_samples(); }

std::string TrainingRun::draw_grid() {
  const ImageBatch batch = trainer_->fixed_samples();
  std::string path = directory_->write_sample_grid(iteration(), batch);
  grid_iteration_ = iteration();
  for (RunObserver* observer : observers_) observer->on_grid(iteration(), batch);
  return path;
}

void TrainingRun::flush() { directory_->flush_metrics(); }

std::string TrainingRun::save_checkpoint() {
  if (diverged_) {
    throw Error(path() + ": the run diverged; its state is not saved over the good checkpoints");
  }
  directory_->flush_metrics();
  last_checkpoint_ = directory_->write_checkpoint(*trainer_, config().outputs.keep_checkpoints);
  checkpoint_iteration_ = iteration();
  for (RunObserver* observer : observers_) observer->on_checkpoint(iteration(), last_checkpoint_);
  return last_checkpoint_;
}

TrainingRun::Ending TrainingRun::finish() {
  flush();
  Ending ending;
  if (!diverged_) {
    if (iteration() > first_iteration_) {
      ending.grid =
          grid_iteration_ == iteration() ? directory_->sample_path(iteration()) : draw_grid();
    }
    if (checkpoint_iteration_ != iteration()) save_checkpoint();
  }
  ending.checkpoint = last_checkpoint_;
  return ending;
}

}  // namespace gs
