#include "app/gui/watch/watch_controller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <algorithm>

#include "app/gui/config/form_bridge.h"
#include "app/gui/conversions.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/history/history_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/session_state.h"
#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"
#include "model/runs/run_notes.h"
#include "model/training/checkpoint_file.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/config_form.h"
#include "ui/training/health_banner.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/status_line.h"

namespace app {

namespace {

constexpr int kSnapshotEveryMs = 5000;
constexpr double kQuietAfterS = 10;  // the status is rewritten every 2 s: longer is suspicious

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

WatchController::WatchController(ui::MainWindow* window, SessionState* session, RunController* run,
                                 ExplorerController* explorer, QObject* parent)
    : QObject(parent),
      window_(window),
      view_(window),
      session_(session),
      run_(run),
      explorer_(explorer) {
  timer_.setInterval(static_cast<int>(pollSeconds() * 1000));
  connect(&timer_, &QTimer::timeout, this, &WatchController::pollNow);
  snapshotTimer_.setInterval(kSnapshotEveryMs);
  connect(&snapshotTimer_, &QTimer::timeout, this, &WatchController::askForSnapshot);
  connect(window_, &ui::MainWindow::watchRunRequested, this,
          [this](const QString& folder) { watch(folder); });
  connect(window_, &ui::MainWindow::stopWatchingRequested, this, &WatchController::stopWatching);
}

WatchController::~WatchController() = default;

double WatchController::pollSeconds() {
  return std::clamp(QSettings().value(QStringLiteral("watch/pollSeconds"), 1.0).toDouble(), 0.25,
                    10.0);
}

QString WatchController::path(const char* name) const {
  return QDir(folder_).filePath(QString::fromUtf8(name));
}

bool WatchController::watch(const QString& runFolder) {
  if (window_->runActive() && !watching()) {
    window_->showError(tr("A run is active"), tr("Stop the current run before watching another."));
    return false;
  }
  gs::RunConfig config;
  try {
    config =
        gs::load_config(QDir(runFolder).filePath(QLatin1String(gs::kConfigFile)).toStdString());
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot watch the folder"),
                       tr("%1 is not a run folder: %2").arg(runFolder, q(error.what())));
    return false;
  }
  stopWatching();
  folder_ = runFolder;
  session_->runFolder = runFolder;
  session_->config = config;
  session_->gridLatents.clear();
  view_->showSettings(toFormValues(config));
  window_->setWatching(true);
  reset();
  view_->showTrainer({}, modelSummary(config));
  showClassesOf(*view_, config);
  run_->beginSteering(gs::resolve(config, /*cuda=*/false),
                      [this](const gs::ControlRequest& request) { steer(request); });
  pollNow();
  if (!status_) view_->setTrainingState(ui::TrainingState::Running);
  askForSnapshot();
  timer_.start();
  snapshotTimer_.start();
  window_->showMessage(tr("Watching %1").arg(QDir::toNativeSeparators(runFolder)), 5000);
  try {
    view_->showNote(runFolder, q(gs::read_run_note(runFolder.toStdString())));
  } catch (const gs::Error& error) {
    window_->showMessage(q(error.what()), 10000);  // a damaged note: said, the run still watched
  }
  return true;
}

void WatchController::stopWatching() {
  if (!watching()) return;
  timer_.stop();
  snapshotTimer_.stop();
  run_->endSteering();
  folder_.clear();
  metrics_.reset();
  window_->setWatching(false);
  window_->statusLine()->setWatching({}, false);
  // The other process may train on: nothing trains here any more.
  if (window_->runActive()) view_->setTrainingState(ui::TrainingState::Idle);
}

void WatchController::reset() {
  view_->resetRun();
  metrics_ = std::make_unique<gs::FileTail>(path(gs::kMetricsFile).toStdString());
  metricsHeader_.clear();
  clock_ = {};
  lastRateIteration_ = 0;
  lastRateSeconds_ = rate_ = 0;
  metricRows_ = changesShown_ = qualityShown_ = healthShown_ = scoresShown_ = 0;
  newestGrid_ = -1;
  std::fill(std::begin(rowsFileSizes_), std::end(rowsFileSizes_), -1);
  status_.reset();
  snapshotTime_ = {};
  lastChange_ = QDateTime::currentDateTimeUtc();
  warned_ = false;
}

void WatchController::pollNow() {
  if (!watching()) return;
  const QDateTime before = lastChange_;
  try {
    readMetrics();
    readRows();
    readGrids();
    readStatus();
    readSnapshot();
  } catch (const gs::Error& error) {
    // A damaged row or file: say so and try again next time (a sync tool may be mid-copy).
    window_->showMessage(tr("Watching: %1").arg(q(error.what())), 5000);
  }
  showWatchingLine();
  if (lastChange_ != before) Q_EMIT updated();
}

void WatchController::readMetrics() {
  gs::FileTail::Lines got = metrics_->poll();
  if (got.restarted) {
    // Replaced (a sync tool) or shortened (a resume dropped rows): everything again.
    reset();
    got = metrics_->poll();
  }
  if (got.lines.empty()) return;
  size_t first = 0;
  if (metricsHeader_.empty()) {
    metricsHeader_ = got.lines[0];
    first = 1;
  }
  if (first >= got.lines.size()) return;
  std::string text = metricsHeader_ + "\n";
  for (size_t i = first; i < got.lines.size(); ++i) text += got.lines[i] + "\n";
  std::vector<double> times;
  const std::vector<gs::StepStats> rows =
      gs::parse_metrics(text, path(gs::kMetricsFile).toStdString(), &times);
  QVector<ui::MetricPoint> points;
  points.reserve(static_cast<qsizetype>(rows.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    ui::MetricPoint point = toMetricPoint(rows[i]);
    if (times.size() == rows.size()) point.seconds = clock_.next(times[i]);
    points.append(point);
  }
  metricRows_ += static_cast<qint64>(rows.size());
  view_->appendMetrics(points);
  // Speed from the rows' own times (the trainer's clock), smoothed over the polls.
  const ui::MetricPoint& newest = points.back();
  if (lastRateIteration_ > 0 && newest.seconds > lastRateSeconds_ &&
      newest.iteration > lastRateIteration_) {
    const double rate =
        (newest.iteration - lastRateIteration_) / (newest.seconds - lastRateSeconds_);
    rate_ = rate_ > 0 ? 0.7 * rate_ + 0.3 * rate : rate;
  }
  lastRateIteration_ = newest.iteration;
  lastRateSeconds_ = newest.seconds;
  ui::Progress progress;
  progress.iteration = newest.iteration;
  progress.total = status_ ? status_->total : 0;
  progress.epoch = -1;
  progress.iterationsPerSecond = rate_;
  if (rate_ > 0 && progress.total > progress.iteration)
    progress.etaSeconds = (progress.total - progress.iteration) / rate_;
  view_->setProgress(progress);
  lastChange_ = QDateTime::currentDateTimeUtc();
}

void WatchController::readRows() {
  // changes.csv, quality.csv, health.csv and scores.csv are small: read whole when their size
  // changes.
  const char* files[] = {gs::kChangesFile, gs::kQualityFile, gs::kHealthFile, gs::kScoresFile};
  for (int f = 0; f < 4; ++f) {
    const QFileInfo info(path(files[f]));
    const qint64 size = info.exists() ? info.size() : -1;
    if (size == rowsFileSizes_[f]) continue;
    rowsFileSizes_[f] = size;
    if (size < 0) continue;
    const std::string run = folder_.toStdString();
    if (f == 0) {
      const std::vector<gs::SettingChange> changes = gs::read_changes(run);
      const std::vector<gs::SettingChange> added(
          changes.begin() + std::min(changesShown_, static_cast<qint64>(changes.size())),
          changes.end());
      changesShown_ = static_cast<qint64>(changes.size());
      for (const gs::SettingChange& c : added) Q_EMIT acknowledged(q(c.key), q(c.value));
      // Marked, and shown in the form, whoever changed them.
      const QVector<ui::LiveChange> markers = toLiveChanges(added);
      for (const ui::LiveChange& marker : markers) view_->addLiveChange(marker);
      if (!markers.isEmpty()) {
        try {  // the steered settings as the trainer now has them
          run_->steeredSettingsChanged(
              gs::resolve(gs::load_config(path(gs::kConfigFile).toStdString()), /*cuda=*/false));
        } catch (const gs::Error&) {  // mid-write by a sync tool: the next change brings it
        }
      }
    } else if (f == 1) {
      const std::vector<gs::QualityScores> quality = gs::read_quality(run);
      for (auto i = static_cast<size_t>(qualityShown_); i < quality.size(); ++i) {
        view_->appendQuality(toQualityPoint(quality[i]));
      }
      qualityShown_ = static_cast<qint64>(quality.size());
    } else if (f == 3) {
      const QVector<ui::ScorePoint> scores = readScorePoints(run);
      for (auto i = scoresShown_; i < scores.size(); ++i) view_->appendScores(scores[i]);
      scoresShown_ = scores.size();
    } else {
      const std::vector<gs::HealthWarning> health = gs::read_health(run);
      for (auto i = static_cast<size_t>(healthShown_); i < health.size(); ++i) {
        view_->addHealthNotice(toHealthNotice(health[i]), false);
      }
      healthShown_ = static_cast<qint64>(health.size());
    }
    lastChange_ = QDateTime::currentDateTimeUtc();
  }
}

void WatchController::readGrids() {
  const std::string run = folder_.toStdString();
  const auto grids = gs::RunDirectory::sample_grids(run);
  view_->setCheckpoints(HistoryController::checkpointsIn(folder_));
  if (grids.empty() || grids.back().first <= newestGrid_) return;
  for (const auto& [iteration, file] : grids) {
    if (iteration > newestGrid_) view_->addGridToHistory(iteration);
  }
  const auto& [iteration, file] = grids.back();
  const QImage grid = HistoryController::gridFromSampleFile(q(file), gs::kGridColumns);
  if (grid.isNull()) return;  // still being written: next time
  newestGrid_ = iteration;
  session_->grid = toImageBatch(grid, gs::kGridColumns);
  view_->showGrid(grid, gs::kGridColumns, iteration);
  lastChange_ = QDateTime::currentDateTimeUtc();
}

void WatchController::readStatus() {
  const std::optional<gs::TrainerStatus> status = gs::read_trainer_status(folder_.toStdString());
  if (!status) return;
  const bool changed = !status_ || status_->updated != status->updated ||
                       status_->state != status->state || status_->iteration != status->iteration;
  const bool stateChanged = !status_ || status_->state != status->state;
  status_ = status;
  if (!changed) return;
  lastChange_ = QDateTime::currentDateTimeUtc();
  if (stateChanged) view_->setTrainingState(toTrainingState(status->state));
  view_->showTrainer(status->processes.empty()
                         ? tr("trained by %1").arg(q(status->owner))
                         : tr("%1, rank 0: %2").arg(q(status->processes), q(status->owner)),
                     {});
  if (stateChanged && status->state != gs::RunState::Running) rate_ = 0;
}

void WatchController::askForSnapshot() {
  if (!watching() || (status_ && !gs::is_active(status_->state))) return;
  gs::ControlRequest request;
  request.command = gs::ControlCommand::Snapshot;
  request.from = gs::control_sender("window");
  try {
    gs::send_control_request(folder_.toStdString(), request, 20);
  } catch (const gs::Error&) {
    // No control folder (a run trained without it, or not started yet): the explorer keeps the
    // weights it has; the next checkpoint-based open still works.
  }
}

void WatchController::readSnapshot() {
  const QFileInfo info(path(gs::kGeneratorSnapshotFile));
  if (!info.exists() || info.lastModified() == snapshotTime_) return;
  snapshotTime_ = info.lastModified();
  try {
    session_->config = gs::load_config(path(gs::kConfigFile).toStdString());
  } catch (const gs::Error&) {
    if (!session_->config) return;  // mid-write by a sync tool: the next poll brings it
  }
  // Read as a checkpoint's payload is (bounded by the configuration's networks, a sound zip): the
  // folder may come from anywhere.
  std::string g;
  try {
    g = gs::read_weights_snapshot(info.filePath().toStdString(), *session_->config);
  } catch (const gs::Error& error) {
    window_->showMessage(tr("The run's generator snapshot was not used: %1").arg(q(error.what())),
                         8000);
    return;
  }
  // D's weights beside G's (a trainer before D was shared writes none: the explorer says so).
  std::string d;
  const QString dPath = path(gs::kDiscriminatorSnapshotFile);
  if (QFileInfo::exists(dPath)) {
    try {
      d = gs::read_weights_snapshot(dPath.toStdString(), *session_->config);
    } catch (const gs::Error& error) {
      window_->showMessage(
          tr("The run's discriminator snapshot was not used: %1").arg(q(error.what())), 8000);
    }
  }
  explorer_->useWeights(*session_->config, QByteArray::fromStdString(g),
                        QByteArray::fromStdString(d));
}

void WatchController::steer(const gs::ControlRequest& request) {
  try {
    gs::send_control_request(folder_.toStdString(), request, 60);
    window_->showMessage(tr("Sent to the trainer: %1").arg(gs::to_string(request.command)), 3000);
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot reach the trainer"), q(error.what()));
  }
}

double WatchController::secondsSinceUpdate() const {
  return lastChange_.msecsTo(QDateTime::currentDateTimeUtc()) / 1000.0;
}

void WatchController::showWatchingLine() {
  const double quiet = secondsSinceUpdate();
  const bool live = status_ ? gs::is_active(status_->state) : true;
  const bool stale = live && quiet > kQuietAfterS;
  QString text = tr("watching · last update %1 s ago").arg(static_cast<qint64>(quiet));
  if (stale) text += tr(" · the trainer seems to have stopped");
  window_->statusLine()->setWatching(text, stale);
  if (stale && !warned_) {
    warned_ = true;
    window_->showMessage(tr("Nothing has changed in %1 for %2 s: is the trainer still running?")
                             .arg(QDir::toNativeSeparators(folder_))
                             .arg(static_cast<qint64>(quiet)),
                         10000);
  }
  if (!stale) warned_ = false;
}

}  // namespace app
