#include "model/training/training_run.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/lineage.h"
#include "model/runs/run_directory.h"
#include "model/runs/tensorboard_log.h"
#include "model/training/checkpoint.h"
#include "model/training/rank_agreement.h"

namespace gs {

namespace {

bool finite(const StepStats& s) { return !diverging(s); }

}  // namespace

namespace {

// How many real images the health monitor compares the grid's variety with.
constexpr int kDiversityImages = 64;

}  // namespace

TrainingRun::TrainingRun(std::unique_ptr<Trainer> trainer, std::unique_ptr<RunDirectory> directory)
    : trainer_(std::move(trainer)),
      directory_(std::move(directory)),
      health_(std::make_unique<HealthMonitor>(
          trainer_->config().health,
          mean_pairwise_distance(trainer_->real_images(kDiversityImages)),
          thresholds_for(*trainer_->config().training.loss))),
      first_iteration_(trainer_->iteration()) {
  if (config().outputs.tensorboard) {
    tensorboard_ = std::make_unique<TensorBoardLog>(directory_->path(), config(), iteration());
    observers_.push_back(tensorboard_.get());
  }
}

TrainingRun::~TrainingRun() = default;

std::unique_ptr<TrainingRun> TrainingRun::start(RunConfig config, const std::string& run_path,
                                                const LoadProgress& progress) {
  config.outputs.run_dir = run_path;
  // The data first: a bad path (or a cancelled load) leaves no folder.
  auto trainer = std::make_unique<Trainer>(config, progress);
  auto directory = std::make_unique<RunDirectory>(run_path, /*resuming=*/false);
  std::unique_ptr<TrainingRun> run(new TrainingRun(std::move(trainer), std::move(directory)));
  run->directory_->write_config(run->config());
  return run;
}

ConfigEdit ConfigEdit::keys_set_in(RunConfig config) {
  ConfigEdit edit;
  edit.keys_ = std::move(config);
  return edit;
}

void ConfigEdit::apply(RunConfig& config) const {
  for (const std::string& assignment : assignments_) apply_assignment(config, assignment);
  if (keys_) apply_keys_set(*keys_, config);
}

namespace {

// A run folder whose first checkpoint never came: a resume starts it again from its config.yaml.
bool holds_no_checkpoint(const std::string& checkpoint_or_run) {
  std::error_code ec;
  return std::filesystem::is_directory(checkpoint_or_run, ec) &&
         RunDirectory::checkpoints(checkpoint_or_run).empty() &&
         std::filesystem::exists(checkpoint_or_run + "/" + kConfigFile, ec);
}

}  // namespace

RunConfig TrainingRun::resumed_config(const std::string& checkpoint_or_run,
                                      const ConfigEdit& overrides) {
  RunConfig config = holds_no_checkpoint(checkpoint_or_run)
                         ? load_config(checkpoint_or_run + "/" + kConfigFile)
                         : read_checkpoint_config(RunDirectory::find_checkpoint(checkpoint_or_run));
  overrides.apply(config);
  return config;
}

std::unique_ptr<TrainingRun> TrainingRun::from_scratch(const std::string& run_path,
                                                       const LoadProgress& progress,
                                                       const ConfigEdit& overrides) {
  RunConfig config = resumed_config(run_path, overrides);
  config.outputs.run_dir = run_path;
  auto trainer = std::make_unique<Trainer>(config, progress);
  auto directory = std::make_unique<RunDirectory>(run_path, /*resuming=*/true);
  std::unique_ptr<TrainingRun> run(new TrainingRun(std::move(trainer), std::move(directory)));
  run->directory_->truncate_after(0);
  run->directory_->write_config(run->config());
  run->restarted_ = true;
  return run;
}

std::unique_ptr<TrainingRun> TrainingRun::resume(const std::string& checkpoint_or_run,
                                                 const ConfigEdit& overrides,
                                                 const std::string& run_path,
                                                 const LoadProgress& progress) {
  if (holds_no_checkpoint(checkpoint_or_run)) {
    return from_scratch(checkpoint_or_run, progress, overrides);  // no checkpoint ever came
  }
  const std::string checkpoint = RunDirectory::find_checkpoint(checkpoint_or_run);
  const RunConfig stored = read_checkpoint_config(checkpoint);
  RunConfig config = stored;
  overrides.apply(config);
  const std::string home = RunDirectory::run_folder_of(checkpoint);
  std::string path = !run_path.empty() ? run_path : !home.empty() ? home : config.outputs.run_dir;
  if (path.empty()) {
    throw Error(checkpoint + ": the checkpoint is outside a run folder and names none; give one");
  }
  config.outputs.run_dir = path;

  auto trainer = std::make_unique<Trainer>(config, progress);
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
  run->directory_->truncate_after(at);
  run->directory_->write_config(run->config());
  run->earlier_sessions_s_ = training_seconds(path + "/" + kMetricsFile);
  // Live settings the overrides changed belong to the run's history.
  std::vector<SettingChange> changes = live_changes(resolve(stored, /*cuda=*/false), run->config());
  for (SettingChange& change : changes) change.iteration = at + 1;
  run->directory_->append_changes(changes);
  return run;
}

std::unique_ptr<TrainingRun> TrainingRun::branch(const std::string& spec,
                                                 const ConfigEdit& overrides,
                                                 const std::string& run_path) {
  if (run_path.empty()) throw Error(spec + ": a branch needs a folder of its own (--out)");
  const std::string checkpoint = branch_checkpoint(spec);
  // The parent's checkpoint is checked where it lies, so that a damaged one is named as the
  // parent's and no child folder is made for it.
  verify_checkpoint(checkpoint);
  // What the branch adds goes again when it fails: its name stays free for the next try.
  const FolderUndo undo(run_path);
  const std::string copy = prepare_branch(checkpoint, run_path);
  std::unique_ptr<TrainingRun> run = resume(copy, overrides, run_path);
  // The parent's grids after the branch point are not the branch's.
  for (const auto& [n, grid] : RunDirectory::sample_grids(run_path)) {
    std::error_code ec;
    if (n > run->iteration()) std::filesystem::remove(grid, ec);
  }
  if (std::optional<BranchPoint> parent = read_parent(run_path)) {
    parent->iteration = run->iteration();
    write_parent(run_path, *parent);
  }
  undo.keep();
  return run;
}

std::unique_ptr<TrainingRun> TrainingRun::roll_back(std::unique_ptr<TrainingRun> run,
                                                    double factor) {
  const std::string path = run->path();
  RunConfig live = run->config();
  try {
    run->flush();
  } catch (const Error&) {
    // the rows after the checkpoint are dropped anyway
  }
  run.reset();
  std::unique_ptr<TrainingRun> next = resume(path);
  scale_learning_rates(live, factor, factor);
  next->change_settings(live);
  return next;
}

void TrainingRun::add_observer(RunObserver* observer) { observers_.push_back(observer); }

void TrainingRun::remove_observer(RunObserver* observer) {
  observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

const std::string& TrainingRun::path() const { return directory_->path(); }

void TrainingRun::report_health(const std::vector<HealthWarning>& warnings) {
  for (const HealthWarning& warning : warnings) {
    for (RunObserver* observer : observers_) observer->on_health(warning);
    if (warning.paused && warning.rule != HealthRule::Divergence) pause_pending_ = true;
  }
  for (const HealthWarning& warning : warnings) directory_->append_health(warning);
}

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
  if (pause_pending_) {
    pause_pending_ = false;
    return StepResult::Paused;
  }
  if (complete()) return StepResult::Complete;
  StepStats stats = trainer_->step();
  stamp_time(stats);
  for (RunObserver* observer : observers_) observer->on_iteration(stats);
  report_health(health_->observe(stats));
  if (!finite(stats)) {
    diverged_ = true;
    diverged_stats_ = stats;
  }
  directory_->append_metrics(stats);
  if (diverged_) {
    directory_->flush();
    report_divergence(stats);
    return StepResult::Diverged;
  }
  const OutputConfig& outputs = config().outputs;
  const int64_t i = stats.iteration;
  if (outputs.sample_every > 0 && i % outputs.sample_every == 0) draw_grid();
  if (outputs.checkpoint_every > 0 && i % outputs.checkpoint_every == 0) save_checkpoint();
  const QualityConfig& quality = config().quality;
  if (quality.every > 0 && i % quality.every == 0) request_quality();
  if (pause_pending_) {
    pause_pending_ = false;
    return StepResult::Paused;
  }
  return StepResult::Trained;
}

void TrainingRun::stamp_time(StepStats& stats) {
  const auto now = std::chrono::steady_clock::now();
  if (!session_started_) {
    session_started_ = true;
    session_start_ = now - std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double, std::milli>(stats.step_ms));
  }
  stats.time_s = std::chrono::duration<double>(now - session_start_).count();
  stats.training_s = earlier_sessions_s_ + stats.time_s;
}

std::vector<SettingChange> TrainingRun::change_settings(const RunConfig& wanted) {
  std::vector<SettingChange> changes = live_changes(config(), wanted);
  if (changes.empty()) return changes;
  trainer_->set_live_settings(wanted);
  for (SettingChange& change : changes) change.iteration = iteration() + 1;
  for (RunObserver* observer : observers_) observer->on_live_change(changes);
  directory_->append_changes(changes);
  directory_->write_config(config());
  return changes;
}

void TrainingRun::record_control(const std::string& what, const std::string& from) {
  std::string who = from;
  std::replace(who.begin(), who.end(), ',', ';');  // one CSV cell
  directory_->append_changes({{iteration() + 1, kControlKeyPrefix + what, who}});
}

void TrainingRun::set_quality_requester(QualityRequester requester) {
  quality_requester_ = std::move(requester);
}

void TrainingRun::request_quality() {
  if (!quality_requester_ || diverged_) return;
  QualityRequest request;
  request.iteration = iteration();
  request.config = config();
  request.generator_weights = trainer_->generator_weights();
  request.samples = config().quality.samples;
  quality_requester_(std::move(request));
}

void TrainingRun::record_quality(const QualityScores& scores) {
  for (RunObserver* observer : observers_) observer->on_quality(scores);
  report_health(health_->observe_quality(scores));
  directory_->append_quality(scores);
}

ImageBatch TrainingRun::grid() { return trainer_->fixed_samples(); }

std::vector<float> TrainingRun::grid_verdicts(const ImageBatch& grid) {
  if (config().outputs.score_samples <= 0) return {};
  return trainer_->score_discriminator(0, grid).grid;
}

std::string TrainingRun::draw_grid() {
  const ImageBatch batch = trainer_->fixed_samples();
  std::string path = directory_->write_sample_grid(iteration(), batch);
  grid_iteration_ = iteration();
  for (RunObserver* observer : observers_) observer->on_grid(iteration(), batch);
  report_health(health_->observe_grid(iteration(), batch));
  if (config().outputs.score_samples > 0) {
    const DiscriminatorScores scores =
        trainer_->score_discriminator(config().outputs.score_samples, batch);
    directory_->append_scores(scores);
    for (RunObserver* observer : observers_) observer->on_scores(scores);
  }
  return path;
}

void TrainingRun::flush() {
  directory_->flush();
  if (tensorboard_) {
    try {
      tensorboard_->flush();
    } catch (const Error&) {  // kept buffered; tensorboard_error() says why
    }
  }
}

std::string TrainingRun::tensorboard_error() const {
  return tensorboard_ ? tensorboard_->error() : std::string();
}

std::string TrainingRun::save_checkpoint() {
  if (diverged_) {
    throw Error(path() + ": the run diverged; its state is not saved over the good checkpoints");
  }
  directory_->sync();  // every row the checkpoint covers is on disk before it is
  last_checkpoint_ = directory_->write_checkpoint(
      iteration(), [this](const std::string& file) { trainer_->save_checkpoint(file); },
      config().outputs.keep_checkpoints, config().outputs.keep_every);
  checkpoint_iteration_ = iteration();
  for (RunObserver* observer : observers_) observer->on_checkpoint(iteration(), last_checkpoint_);
  return last_checkpoint_;
}

TrainingRun::Ending TrainingRun::finish() {
  if (tensorboard_ && complete() && !diverged_ && !session_ended_) {
    tensorboard_->end_session(tfevents::SessionStatus::Success);
    session_ended_ = true;
  }
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

void follow_rank_zero(Trainer& trainer, RankAgreement& agreement,
                      const std::function<bool()>& interrupted) {
  for (;;) {
    const RankAgreement::Decision decision =
        agreement.agree(RankAgreement::Action::Wait, trainer.config(), interrupted());
    if (decision.settings) trainer.set_live_settings(*decision.settings);
    if (decision.action == RankAgreement::Action::Stop) return;
    if (decision.action == RankAgreement::Action::Train) trainer.step();
  }
}

}  // namespace gs
