#include "app/gui/run/training_worker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QMetaObject>

#include "app/gui/conversions.h"
#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace app {

namespace {

constexpr int kFlushIntervalMs = 50;      // statistics to the window at most ~20 times a second
constexpr int kProgressIntervalMs = 250;  // the status line at most 4 times a second
constexpr int kSnapshotIntervalMs = 500;  // the explorer's weights at most twice a second
constexpr int kPausedPollMs = 100;        // a paused run reads its control folder this often

QString q(const std::string& text) { return QString::fromStdString(text); }
QString utf8(const char* text) { return QString::fromUtf8(text); }

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent), pausedPoll_(this) {
  pausedPoll_.setInterval(kPausedPollMs);
  connect(&pausedPoll_, &QTimer::timeout, this, &TrainingWorker::runNext);
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::submit(const std::vector<gs::ControlRequest>& requests) {
  {
    std::lock_guard<std::mutex> lock(inboxMutex_);
    inbox_.insert(inbox_.end(), requests.begin(), requests.end());
  }
  QMetaObject::invokeMethod(this, &TrainingWorker::scheduleNext, Qt::QueuedConnection);
}

// --- What the run reports ----------------------------------------------------------------------

void TrainingWorker::on_iteration(const gs::StepStats& stats) {
  ui::MetricPoint point = toMetricPoint(stats);
  point.seconds = stats.training_s;  // the run's own clock, over all its sessions
  pending_.append(point);
}

void TrainingWorker::on_grid(int64_t iteration, const gs::ImageBatch& grid) {
  Q_EMIT samplesReady(grid, iteration);
}

void TrainingWorker::on_checkpoint(int64_t iteration, const std::string& /*path*/) {
  Q_EMIT checkpointWritten(iteration);
}

void TrainingWorker::on_live_change(const std::vector<gs::SettingChange>& changes) {
  Q_EMIT liveChangeApplied(toLiveChange(changes));
}

void TrainingWorker::on_diverged(const gs::StepStats& stats) {
  const QString last = q(run_->last_checkpoint());
  const QString where =
      tr("Training diverged at iteration %1: the losses are D %2, G %3 (NaN, infinite or "
         "exploded). "
         "Nothing was saved over the checkpoints so far%4.")
          .arg(stats.iteration)
          .arg(stats.d_loss)
          .arg(stats.g_loss)
          .arg(last.isEmpty() ? QString() : tr(" (last: %1)").arg(last));
  if (run_->config().health.pause_on_divergence) {
    divergence_ = where + tr(" Roll back to the last checkpoint with lower learning rates.");
    holdWith(divergence_);
  } else {
    fail(where + tr(" Lower the learning rate and resume from the last checkpoint with File → "
                    "Resume Run."),
         gs::RunState::Diverged);
  }
}

void TrainingWorker::on_quality(const gs::QualityScores& scores) {
  Q_EMIT qualityReady(toQualityPoint(scores));
}

void TrainingWorker::on_scores(const gs::DiscriminatorScores& scores) {
  Q_EMIT scoresReady(toScorePoint(scores));
}

void TrainingWorker::on_health(const gs::HealthWarning& warning) {
  Q_EMIT healthWarning(toHealthNotice(warning));
}

// --- Starting ----------------------------------------------------------------------------------

void TrainingWorker::dropRun() {
  pausedPoll_.stop();
  steering_.reset();  // it holds the run
  run_.reset();
  finished_ = false;
  divergence_.clear();
  holdMessage_.clear();
}

void TrainingWorker::startRun(const gs::RunConfig& config, const QString& runPath, bool paused) {
  dropRun();
  Q_EMIT stateChanged(ui::TrainingState::Idle, tr("Loading %1…").arg(q(config.data.path)));
  const bool loaded =
      loadCancellably(tr("Could not start training: %1"), [&](const gs::LoadProgress& progress) {
        run_ = gs::TrainingRun::start(config, runPath.toStdString(), progress);
      });
  if (!loaded) return;
  begin(tr("Training in %1").arg(QDir::toNativeSeparators(runPath)), false,
        paused ? gs::RunState::Paused : gs::RunState::Running);
}

void TrainingWorker::startBranch(const QString& spec, const gs::RunConfig& config,
                                 const QString& runPath) {
  dropRun();
  Q_EMIT stateChanged(ui::TrainingState::Idle, tr("Branching from %1…").arg(spec));
  try {
    // Every setting of the form replaces the checkpoint's.
    run_ = gs::TrainingRun::branch(spec.toStdString(), gs::ConfigEdit::keys_set_in(config),
                                   runPath.toStdString());
    restoreHistory();
  } catch (const std::exception& error) {
    run_.reset();
    fail(tr("Could not branch from %1: %2").arg(spec, utf8(error.what())));
    return;
  }
  begin(tr("Branched from %1 into %2").arg(spec, QDir::toNativeSeparators(runPath)), true);
}

bool TrainingWorker::loadCancellably(const QString& failure,
                                     const std::function<void(const gs::LoadProgress&)>& load) {
  cancelLoading_ = false;
  QElapsedTimer sinceReport;
  sinceReport.start();
  const gs::LoadProgress progress = [this, &sinceReport](int64_t done, int64_t total) {
    if (done == 0 || done == total || sinceReport.elapsed() >= 100) {
      sinceReport.restart();
      Q_EMIT loadingProgress(done, total);
    }
    return !cancelLoading_.load();
  };
  try {
    load(progress);
    Q_EMIT loadingProgress(-1, -1);
    return true;
  } catch (const gs::LoadCancelled&) {
    run_.reset();
    Q_EMIT loadingProgress(-1, -1);
    cancelLoading_ = false;
    Q_EMIT stateChanged(ui::TrainingState::Idle, tr("Loading cancelled; nothing was started"));
  } catch (const std::exception& error) {
    run_.reset();
    Q_EMIT loadingProgress(-1, -1);
    fail(failure.arg(utf8(error.what())));
  }
  return false;
}

void TrainingWorker::resumeRun(const QString& path) {
  dropRun();
  Q_EMIT stateChanged(ui::TrainingState::Idle, tr("Loading %1…").arg(path));
  const QString failure = tr("Could not resume %1: %2").arg(path, QStringLiteral("%1"));
  const bool loaded = loadCancellably(failure, [&](const gs::LoadProgress& progress) {
    run_ = gs::TrainingRun::resume(path.toStdString(), {}, {}, progress);
    restoreHistory();
  });
  if (!loaded) return;
  begin(run_->restarted() ? tr("%1 held no checkpoint: started it again from iteration 0")
                                .arg(QDir::toNativeSeparators(q(run_->path())))
                          : tr("Resumed %1 at iteration %2")
                                .arg(QDir::toNativeSeparators(q(run_->path())))
                                .arg(QLocale().toString(static_cast<qint64>(run_->iteration()))),
        true);
}

void TrainingWorker::rollBack(double factor) {
  if (!run_) return;
  divergence_.clear();
  pausedPoll_.stop();
  steering_.reset();  // it holds the run that goes now
  try {
    run_->remove_observer(this);
    run_ = gs::TrainingRun::roll_back(std::move(run_), factor);
    restoreHistory();
  } catch (const std::exception& error) {
    run_.reset();
    fail(tr("Could not roll back: %1").arg(utf8(error.what())));
    return;
  }
  const gs::TrainingConfig& t = run_->config().training;
  begin(tr("Rolled back to iteration %1 with the learning rates times %2 (D %3, G %4)")
            .arg(QLocale().toString(static_cast<qint64>(run_->iteration())))
            .arg(factor)
            .arg(*t.learning_rate_d)
            .arg(*t.learning_rate_g),
        true);
}

// The run's rows so far, for the charts of a resumed run.
void TrainingWorker::restoreHistory() {
  const QVector<ui::MetricPoint> points = readMetricPoints(run_->path() + "/" + gs::kMetricsFile);
  const QVector<ui::LiveChange> changes = toLiveChanges(gs::read_changes(run_->path()));
  QVector<ui::QualityPoint> quality;
  for (const gs::QualityScores& s : gs::read_quality(run_->path())) {
    quality.append(toQualityPoint(s));
  }
  QVector<ui::HealthNotice> health;
  for (const gs::HealthWarning& w : gs::read_health(run_->path())) health.append(toHealthNotice(w));
  Q_EMIT historyRestored(points, changes, quality, health, readScorePoints(run_->path()));
}

void TrainingWorker::begin(const QString& message, bool resumed, gs::RunState initial) {
  run_->add_observer(this);
  const quint64 token = ++runToken_;
  run_->set_quality_requester([this, token](const gs::QualityRequest& request) {
    Q_EMIT qualityRequested(token, request);
  });
  steering_ = std::make_unique<gs::RunSteering>(
      *run_, [this](const std::string& sentence) { Q_EMIT said(q(sentence)); }, initial);
  steering_->on_state_changed([this](gs::RunState state) { stateEntered(state); });
  finished_ = false;
  pending_.clear();
  sinceFlush_.start();
  sinceProgress_.start();
  RunInfo info;
  info.runPath = q(run_->path());
  info.device = q(run_->trainer().device_description());
  info.datasetSize = run_->trainer().dataset_size();
  info.config = run_->config();
  info.model = modelSummary(run_->config());
  info.resumed = resumed;
  for (const std::string& line : run_->trainer().skipped_images()) info.skipped.append(q(line));
  Q_EMIT runStarted(info);
  // A conditional run's cells: z and the cell's class, one-hot (what the explorer takes).
  const gs::ModelConfig& model = run_->config().model;
  const int classes = gs::conditional_classes(model);
  const std::vector<float> latents = gs::with_one_hot(
      run_->trainer().fixed_latents(), model.noise_dim, run_->trainer().fixed_labels(), classes);
  Q_EMIT gridLatentsReady(QVector<float>(latents.begin(), latents.end()),
                          model.noise_dim + classes);
  snapshotNow();  // the explorer can start from the first weights
  showGridNow();
  emitProgress();
  rateClock_.start();
  rate_.reset();
  Q_EMIT stateChanged(toTrainingState(initial), message);
  if (initial == gs::RunState::Paused) {
    pausedPoll_.start();
  } else {
    scheduleNext();
  }
}

void TrainingWorker::setSnapshotsWanted(bool wanted) {
  snapshotsWanted_ = wanted;
  if (wanted) snapshotNow();
}

void TrainingWorker::setDiscriminatorWanted(bool wanted) {
  discriminatorWanted_ = wanted;
  if (wanted && snapshotsWanted_) snapshotNow();
}

void TrainingWorker::refreshSnapshot() {
  snapshotNow();
  Q_EMIT snapshotRefreshed();
}

void TrainingWorker::snapshotNow() {
  if (!run_) return;
  auto bytes = [](const std::string& blob) {
    return QByteArray(blob.data(), static_cast<qsizetype>(blob.size()));
  };
  const std::string weights = run_->trainer().generator_weights();
  const std::string d = discriminatorWanted_ ? run_->trainer().discriminator_weights() : "";
  Q_EMIT generatorSnapshot(run_->config(), bytes(weights), bytes(d));
  sinceSnapshot_.start();
}

// --- Training ----------------------------------------------------------------------------------

void TrainingWorker::scheduleNext() {
  if (scheduled_) return;
  scheduled_ = true;
  QMetaObject::invokeMethod(
      this,
      [this] {
        scheduled_ = false;
        runNext();
      },
      Qt::QueuedConnection);
}

void TrainingWorker::runNext() {
  std::deque<gs::ControlRequest> requests;
  {
    std::lock_guard<std::mutex> lock(inboxMutex_);
    requests.swap(inbox_);
  }
  if (!active() || finished_) return;  // requests for a run that has ended are dropped
  for (gs::ControlRequest& request : requests) steering_->submit(std::move(request));
  const gs::RunSteering::Next next = steering_->next();
  if (!active()) return;
  if (next == gs::RunSteering::Next::Stop) {
    finish(tr("Stopped at iteration %1").arg(QLocale().toString(iteration())),
           gs::RunState::Stopped);
    return;
  }
  if (next == gs::RunSteering::Next::Wait) return;  // paused: the poll or a request wakes it
  if (steering_->paused()) {
    // One step while paused: a person stepping wants to see what one iteration did.
    if (!trainOne()) return;
    flush();
    showGridNow();
    emitProgress();
    Q_EMIT stateChanged(ui::TrainingState::Paused,
                        tr("Stepped to iteration %1").arg(QLocale().toString(iteration())));
    scheduleNext();  // the steering says so at once (status), and takes a further step if asked
    return;
  }
  if (trainOne() && active() && !steering_->paused()) scheduleNext();
}

void TrainingWorker::stateEntered(gs::RunState state) {
  if (state == gs::RunState::Paused) {
    flush();
    showGridNow();
    emitProgress();
    snapshotNow();  // the explorer works on the paused generator
    const QString message = holdMessage_.isEmpty()
                                ? tr("Paused at iteration %1").arg(QLocale().toString(iteration()))
                                : holdMessage_;
    holdMessage_.clear();
    pausedPoll_.start();
    Q_EMIT stateChanged(ui::TrainingState::Paused, message);
  } else if (state == gs::RunState::Running) {
    pausedPoll_.stop();
    rate_.interrupt();  // the pause is not training time
    Q_EMIT stateChanged(ui::TrainingState::Running, tr("Training"));
    scheduleNext();
  } else {
    pausedPoll_.stop();  // the end: finish() and fail() say how it ended
  }
}

void TrainingWorker::holdWith(const QString& message) {
  holdMessage_ = message;
  if (steering_->paused()) {
    stateEntered(gs::RunState::Paused);  // paused already (a step met the wall): say why
  } else {
    steering_->hold();
  }
}

bool TrainingWorker::trainOne() {
  gs::StepResult result = gs::StepResult::Trained;
  try {
    result = run_->step();
  } catch (const gs::TrainingError& error) {
    const QString last = q(run_->last_checkpoint());
    fail(tr("%1. Nothing was saved over the checkpoints%2.")
             .arg(utf8(error.what()), last.isEmpty() ? QString() : tr(" (last: %1)").arg(last)));
    return false;
  } catch (const gs::Error& error) {
    // A file could not be written (full disk, removed folder): the rows wait in memory; pause.
    holdWith(tr("Paused: %1").arg(utf8(error.what())));
    Q_EMIT problem(tr("%1\n\nTraining is paused; nothing is lost. Make room or fix the folder, "
                      "then resume.")
                       .arg(utf8(error.what())));
    return false;
  }
  switch (result) {
    case gs::StepResult::Complete:
      finish(iteration() == 1 ? tr("Finished 1 iteration")
                              : tr("Finished %1 iterations").arg(QLocale().toString(iteration())),
             gs::RunState::Finished);
      return false;
    case gs::StepResult::Diverged:
      // on_diverged paused or failed the run the first time; a resume of it meets the same wall.
      if (active() && !divergence_.isEmpty()) holdWith(divergence_);
      return false;
    case gs::StepResult::Paused:
      holdWith(tr("Paused by the health monitor at iteration %1: see the warning above the charts")
                   .arg(QLocale().toString(iteration())));
      return false;
    case gs::StepResult::Trained:
      break;
  }
  if (sinceFlush_.elapsed() >= kFlushIntervalMs) flush();
  if (sinceProgress_.elapsed() >= kProgressIntervalMs) emitProgress();
  if (snapshotsWanted_ && sinceSnapshot_.elapsed() >= kSnapshotIntervalMs) snapshotNow();
  return true;
}

void TrainingWorker::flush() {
  if (!pending_.isEmpty()) {
    Q_EMIT metricsReady(pending_);
    pending_.clear();
  }
  sinceFlush_.start();
}

void TrainingWorker::showGridNow() {
  if (!run_) return;
  const gs::ImageBatch grid = run_->grid();
  Q_EMIT samplesReady(grid, run_->iteration());
  // D's verdict on it too (View → D's Verdict on the Grid), as a measured grid has it.
  const std::vector<float> verdicts = run_->grid_verdicts(grid);
  if (!verdicts.empty()) {
    Q_EMIT gridVerdictsReady(run_->iteration(), QVector<float>(verdicts.begin(), verdicts.end()));
  }
}

void TrainingWorker::emitProgress() {
  if (!run_) return;
  sinceProgress_.start();
  ui::Progress progress;
  progress.iteration = run_->iteration();
  progress.total = run_->total_iterations();
  progress.epoch = run_->trainer().epoch();
  if (steering_ && steering_->state() == gs::RunState::Running && rateClock_.isValid()) {
    rate_.add(progress.iteration, rateClock_.nsecsElapsed() / 1e9);
  }
  progress.iterationsPerSecond = rate_.iterations_per_second();
  progress.etaSeconds = rate_.seconds_left(progress.iteration, progress.total);
  Q_EMIT progressChanged(progress);
}

void TrainingWorker::finish(const QString& message, gs::RunState state) {
  flush();
  QString saved;
  try {
    const gs::TrainingRun::Ending ending = run_->finish();
    saved = q(ending.checkpoint);
    if (ending.grid.empty()) showGridNow();
  } catch (const gs::Error& error) {
    Q_EMIT problem(tr("Could not save a checkpoint: %1").arg(utf8(error.what())));
  }
  emitProgress();
  snapshotNow();
  finished_ = true;
  steering_->finish(state);
  Q_EMIT stateChanged(toTrainingState(state),
                      saved.isEmpty() ? message : tr("%1; checkpoint %2").arg(message, saved));
}

void TrainingWorker::fail(const QString& message, gs::RunState state) {
  flush();
  if (run_) {
    try {
      run_->flush();
    } catch (const gs::Error&) {
      // the message below is what matters now; the rows stay in memory
    }
  }
  emitProgress();
  finished_ = true;
  if (steering_) steering_->finish(state);
  Q_EMIT stateChanged(toTrainingState(state), message);
}

void TrainingWorker::measureNow() {
  if (run_) run_->request_quality();
}

void TrainingWorker::recordQuality(quint64 token, const gs::QualityScores& scores) {
  if (!run_ || token != runToken_) return;  // a measurement of a run that is gone
  try {
    run_->record_quality(scores);
  } catch (const gs::Error& error) {
    Q_EMIT problem(utf8(error.what()));
  }
}

void TrainingWorker::shutdown(bool saveCheckpoint) {
  if (active() && !finished_) {
    flush();
    try {
      if (saveCheckpoint) {
        run_->save_checkpoint();
      } else {
        run_->flush();
      }
    } catch (const gs::Error& error) {
      qWarning("GanStudio: while closing: %s", error.what());  // the window is going away
    }
    steering_->finish(gs::RunState::Stopped);
    finished_ = true;
  }
  dropRun();
}

gs::Trainer::OptimizerSettings TrainingWorker::dOptimizer() const {
  return run_ ? run_->trainer().d_optimizer_settings() : gs::Trainer::OptimizerSettings{};
}

gs::Trainer::OptimizerSettings TrainingWorker::gOptimizer() const {
  return run_ ? run_->trainer().g_optimizer_settings() : gs::Trainer::OptimizerSettings{};
}

qint64 TrainingWorker::iteration() const { return run_ ? run_->iteration() : 0; }

}  // namespace app
