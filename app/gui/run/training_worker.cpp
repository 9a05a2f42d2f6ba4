#include "app/gui/run/training_worker.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMetaObject>
#include <cmath>

#include "app/gui/conversions.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"
#include "model/training/trainer.h"

namespace app {

namespace {

constexpr int kFlushIntervalMs = 50;      // statistics to the window at most ~20 times a second
constexpr int kSampleIntervalMs = 250;    // sample grids at most ~4 times a second
constexpr int kProgressIntervalMs = 250;  // the status line at most 4 times a second
constexpr int kRateWindowMs = 2000;       // it/s measured over the last ~2 seconds
constexpr int kGridColumns = 8;
constexpr int kSnapshotIntervalMs = 500;  // the explorer's weights at most twice a second

QString q(const std::string& text) { return QString::fromStdString(text); }

QString shortLabel(const std::string& key, const std::string& value) {
  static const std::pair<const char*, const char*> names[] = {
      {"training.learning_rate_d", "lr D"},
      {"training.learning_rate_g", "lr G"},
      {"training.beta1", "β1"},
      {"training.beta2", "β2"},
      {"training.iterations", "iterations"},
      {"training.epochs", "epochs"},
      {"outputs.sample_every", "sample every"}};
  for (const auto& [k, name] : names) {
    if (key == k) return QStringLiteral("%1 %2").arg(QString::fromUtf8(name), q(value));
  }
  return q(key + " " + value);
}

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {}
TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::setPhase(Phase phase, const QString& message) {
  phase_ = phase;
  static const ui::TrainingState states[] = {ui::TrainingState::Idle, ui::TrainingState::Running,
                                             ui::TrainingState::Paused, ui::TrainingState::Finished,
                                             ui::TrainingState::Failed};
  Q_EMIT stateChanged(states[static_cast<int>(phase)], message);
}

void TrainingWorker::prepareRun(const QString& runPath, bool resuming) {
  run_ = std::make_unique<gs::RunDirectory>(runPath.toStdString(), resuming);
  if (resuming) {
    run_->truncate_metrics_after(trainer_->iteration());
    run_->truncate_changes_after(trainer_->iteration());
  }
  run_->write_config(trainer_->config());
  pauseRequested_ = false;
  stopRequested_ = false;
  pending_.clear();
  lastCheckpoint_.clear();
  sinceFlush_.start();
  sinceSamples_.start();
  sinceProgress_.start();
  Q_EMIT runStarted(runPath, q(trainer_->device_description()), trainer_->dataset_size());
  const std::vector<float> latents = trainer_->fixed_latents();
  Q_EMIT gridLatentsReady(QVector<float>(latents.begin(), latents.end()),
                          trainer_->config().model.noise_dim);
  snapshotNow();  // the explorer can start from the first weights
}

void TrainingWorker::setSnapshotsWanted(bool wanted) {
  snapshotsWanted_ = wanted;
  if (wanted) snapshotNow();
}

void TrainingWorker::snapshotNow() {
  if (!trainer_) return;
  const std::string weights = trainer_->generator_weights();
  Q_EMIT generatorSnapshot(q(gs::to_yaml(trainer_->config())),
                           QByteArray(weights.data(), static_cast<qsizetype>(weights.size())));
  sinceSnapshot_.start();
}

void TrainingWorker::startRun(const gs::RunConfig& config, const QString& runPath) {
  trainer_.reset();
  run_.reset();
  Q_EMIT stateChanged(ui::TrainingState::Idle, tr("Loading %1…").arg(q(config.data.path)));
  try {
    trainer_ = std::make_unique<gs::Trainer>(config);
    prepareRun(runPath, false);
  } catch (const std::exception& error) {
    trainer_.reset();
    run_.reset();
    fail(tr("Could not start training: %1").arg(QString::fromUtf8(error.what())));
    return;
  }
  emitSamples();
  emitProgress();
  setPhase(Phase::Running, tr("Training in %1").arg(QDir::toNativeSeparators(runPath)));
  rateClock_.start();
  rateStartIteration_ = 0;
  scheduleNext();
}

void TrainingWorker::resumeRun(const QString& path) {
  trainer_.reset();
  run_.reset();
  QVector<ui::MetricPoint> history;
  QVector<ui::LiveChange> changes;
  QString runPath;
  try {
    const std::string checkpoint = gs::RunDirectory::find_checkpoint(path.toStdString());
    gs::RunConfig config = gs::read_checkpoint_config(checkpoint);
    QDir folder = QFileInfo(q(checkpoint)).dir();  // runs/x/checkpoints belongs to runs/x
    runPath = folder.dirName() == QLatin1String("checkpoints") && folder.cdUp()
                  ? folder.path()
                  : q(config.outputs.run_dir);
    Q_EMIT stateChanged(ui::TrainingState::Idle, tr("Loading %1…").arg(q(config.data.path)));
    trainer_ = std::make_unique<gs::Trainer>(config);
    trainer_->load_checkpoint(checkpoint);
    prepareRun(runPath, true);
    const QString metrics = QDir(runPath).filePath(QStringLiteral("metrics.csv"));
    for (const gs::StepStats& s : gs::read_metrics(metrics.toStdString())) {
      history.append(toMetricPoint(s));
    }
    for (const gs::SettingChange& c : gs::read_changes(runPath.toStdString())) {
      changes.append({c.iteration, q(c.key), q(c.value), shortLabel(c.key, c.value)});
    }
  } catch (const std::exception& error) {
    trainer_.reset();
    run_.reset();
    fail(tr("Could not resume %1: %2").arg(path, QString::fromUtf8(error.what())));
    return;
  }
  Q_EMIT historyRestored(history, changes);
  emitSamples();
  emitProgress();
  setPhase(Phase::Running, tr("Resumed %1 at iteration %2")
                               .arg(QDir::toNativeSeparators(runPath))
                               .arg(QLocale().toString(trainer_->iteration())));
  rateClock_.start();
  rateStartIteration_ = trainer_->iteration();
  scheduleNext();
}

void TrainingWorker::scheduleNext() {
  if (scheduled_) return;
  scheduled_ = true;
  QMetaObject::invokeMethod(this, &TrainingWorker::runNext, Qt::QueuedConnection);
}

void TrainingWorker::runNext() {
  scheduled_ = false;
  if (phase_ != Phase::Running) return;
  if (stopRequested_) {
    stop();
    return;
  }
  if (pauseRequested_) {
    pauseRequested_ = false;
    flush();
    if (samplesDue_) emitSamples();
    emitProgress();
    snapshotNow();  // the explorer works on the paused generator
    setPhase(Phase::Paused,
             tr("Paused at iteration %1").arg(QLocale().toString(trainer_->iteration())));
    return;
  }
  if (trainer_->iteration() >= trainer_->total_iterations()) {
    finish(tr("Finished %1 iterations").arg(QLocale().toString(trainer_->iteration())));
    return;
  }
  if (!trainOne()) return;
  if (phase_ == Phase::Running) scheduleNext();
}

bool TrainingWorker::trainOne() {
  gs::StepStats stats;
  try {
    stats = trainer_->step();
  } catch (const std::exception& error) {
    const QString saved = saveCheckpoint();
    fail(tr("%1.%2").arg(QString::fromUtf8(error.what()),
                         saved.isEmpty()
                             ? QString()
                             : tr(" The state before this iteration is saved in %1.").arg(saved)));
    return false;
  }
  pending_.append(toMetricPoint(stats));
  const gs::OutputConfig& outputs = trainer_->config().outputs;
  try {
    run_->append_metrics(stats);
    if (!std::isfinite(stats.d_loss) || !std::isfinite(stats.g_loss)) {
      flush();
      run_->flush_metrics();
      fail(
          tr("Training diverged at iteration %1: a loss is not a number (D %2, G %3). Nothing was "
             "saved over the checkpoints so far%4. Lower the learning rate and resume from the "
             "last checkpoint with File → Resume Run.")
              .arg(stats.iteration)
              .arg(stats.d_loss)
              .arg(stats.g_loss)
              .arg(lastCheckpoint_.isEmpty() ? QString() : tr(" (last: %1)").arg(lastCheckpoint_)));
      return false;
    }
    if (outputs.sample_every > 0 && stats.iteration % outputs.sample_every == 0) samplesDue_ = true;
    if (samplesDue_ && sinceSamples_.elapsed() >= kSampleIntervalMs) emitSamples();
    if (outputs.checkpoint_every > 0 && stats.iteration % outputs.checkpoint_every == 0) {
      lastCheckpoint_ = q(run_->write_checkpoint(*trainer_, outputs.keep_checkpoints));
    }
  } catch (const gs::Error& error) {
    // A file could not be written (full disk, removed folder): keep everything in memory, pause.
    flush();
    setPhase(Phase::Paused, tr("Paused: %1").arg(QString::fromUtf8(error.what())));
    Q_EMIT problem(tr("%1\n\nTraining is paused; nothing is lost. Make room or fix the folder, "
                      "then resume.")
                       .arg(QString::fromUtf8(error.what())));
    return false;
  }
  if (sinceFlush_.elapsed() >= kFlushIntervalMs) flush();
  if (sinceProgress_.elapsed() >= kProgressIntervalMs) emitProgress();
  if (snapshotsWanted_ &&
      (!sinceSnapshot_.isValid() || sinceSnapshot_.elapsed() >= kSnapshotIntervalMs)) {
    snapshotNow();
  }
  return true;
}

void TrainingWorker::flush() {
  if (!pending_.isEmpty()) {
    Q_EMIT metricsReady(pending_);
    pending_.clear();
  }
  sinceFlush_.start();
}

void TrainingWorker::emitSamples() {
  if (!trainer_) return;
  const gs::ImageBatch batch = trainer_->fixed_samples();
  if (run_ && trainer_->iteration() > 0) {
    try {
      run_->write_sample_grid(trainer_->iteration(), batch);
    } catch (const gs::Error& error) {
      Q_EMIT problem(QString::fromUtf8(error.what()));
    }
  }
  Q_EMIT samplesReady(toGridImage(batch, kGridColumns), kGridColumns, trainer_->iteration());
  samplesDue_ = false;
  sinceSamples_.start();
}

void TrainingWorker::emitProgress() {
  if (!trainer_) return;
  sinceProgress_.start();
  ui::Progress progress;
  progress.iteration = trainer_->iteration();
  progress.total = trainer_->total_iterations();
  progress.epoch = trainer_->epoch();
  if (phase_ == Phase::Running && rateClock_.isValid() && rateClock_.elapsed() > 0) {
    const qint64 done = progress.iteration - rateStartIteration_;
    if (done > 0) rate_ = done * 1000.0 / rateClock_.elapsed();
    if (rateClock_.elapsed() >= kRateWindowMs) {
      rateClock_.start();
      rateStartIteration_ = progress.iteration;
    }
  }
  progress.iterationsPerSecond = rate_;
  progress.etaSeconds = rate_ > 0 ? (progress.total - progress.iteration) / rate_ : -1;
  Q_EMIT progressChanged(progress);
}

void TrainingWorker::resume() {
  if (phase_ != Phase::Paused) return;
  pauseRequested_ = false;
  setPhase(Phase::Running, tr("Training"));
  rateClock_.start();
  rateStartIteration_ = trainer_->iteration();
  scheduleNext();
}

void TrainingWorker::stepOnce() {
  if (phase_ != Phase::Paused) return;
  if (trainer_->iteration() >= trainer_->total_iterations()) {
    Q_EMIT stateChanged(ui::TrainingState::Paused,
                        tr("The run is complete; raise the length to go on"));
    return;
  }
  if (!trainOne()) return;
  flush();
  emitSamples();  // a person stepping wants to see what one iteration did
  emitProgress();
  Q_EMIT stateChanged(ui::TrainingState::Paused,
                      tr("Stepped to iteration %1").arg(QLocale().toString(trainer_->iteration())));
}

QString TrainingWorker::saveCheckpoint() {
  if (!trainer_ || !run_) return {};
  try {
    run_->flush_metrics();
    lastCheckpoint_ =
        q(run_->write_checkpoint(*trainer_, trainer_->config().outputs.keep_checkpoints));
    return lastCheckpoint_;
  } catch (const std::exception& error) {
    Q_EMIT problem(tr("Could not save a checkpoint: %1").arg(QString::fromUtf8(error.what())));
    return {};
  }
}

void TrainingWorker::stop() {
  if (phase_ != Phase::Running && phase_ != Phase::Paused) return;
  stopRequested_ = false;
  finish(tr("Stopped at iteration %1").arg(QLocale().toString(trainer_->iteration())));
}

void TrainingWorker::finish(const QString& message) {
  flush();
  const QString saved = saveCheckpoint();
  emitSamples();
  emitProgress();
  snapshotNow();
  setPhase(Phase::Finished,
           saved.isEmpty() ? message : tr("%1; checkpoint %2").arg(message, saved));
}

void TrainingWorker::fail(const QString& message) {
  flush();
  if (run_) {
    try {
      run_->flush_metrics();
    } catch (const gs::Error&) {
    }
  }
  emitProgress();
  setPhase(Phase::Failed, message);
}

void TrainingWorker::applyLive(const ui::FormValues& changes) {
  if (!trainer_ || (phase_ != Phase::Running && phase_ != Phase::Paused)) return;
  gs::RunConfig updated = trainer_->config();
  try {
    for (auto it = changes.begin(); it != changes.end(); ++it) {
      const std::string key = it.key().toStdString();
      if (key == "training.iterations") gs::unset_value(updated, "training.epochs");
      if (key == "training.epochs") gs::unset_value(updated, "training.iterations");
      if (it.value().isEmpty()) {
        gs::unset_value(updated, key);
      } else {
        gs::set_value(updated, key, it.value().toStdString(), "the window");
      }
    }
    updated = gs::resolve(updated, trainer_->on_cuda());
  } catch (const gs::Error& error) {
    Q_EMIT problem(QString::fromUtf8(error.what()));
    return;
  }
  const auto changed = trainer_->apply_live_settings(updated);
  if (changed.empty()) return;
  ui::LiveChange change;
  change.iteration = trainer_->iteration() + 1;  // the first iteration with the new values
  QStringList labels;
  for (const auto& [key, value] : changed) {
    labels << shortLabel(key, value);
    try {
      run_->append_change(change.iteration, key, value);
    } catch (const gs::Error& error) {
      Q_EMIT problem(QString::fromUtf8(error.what()));
    }
  }
  change.key = q(changed.front().first);
  change.value = q(changed.front().second);
  change.label = labels.join(QStringLiteral(", "));
  Q_EMIT liveChangeApplied(change);
  emitProgress();
  if (phase_ == Phase::Running || phase_ == Phase::Paused) {
    try {
      run_->write_config(trainer_->config());
    } catch (const gs::Error& error) {
      Q_EMIT problem(QString::fromUtf8(error.what()));
    }
  }
}

void TrainingWorker::shutdown(bool saveCheckpoint) {
  const bool active = phase_ == Phase::Running || phase_ == Phase::Paused;
  if (active) {
    flush();
    if (saveCheckpoint) this->saveCheckpoint();
    if (run_) {
      try {
        run_->flush_metrics();
      } catch (const gs::Error&) {
      }
    }
    phase_ = Phase::Finished;
  }
  run_.reset();
  trainer_.reset();
}

std::pair<double, double> TrainingWorker::optimizerLearningRates() const {
  return trainer_ ? trainer_->optimizer_learning_rates() : std::make_pair(0.0, 0.0);
}

qint64 TrainingWorker::iteration() const { return trainer_ ? trainer_->iteration() : 0; }

}  // namespace app
