#include "app/gui/run/run_controller.h"

#include <QDir>
#include <QMetaObject>
#include <QStandardPaths>
#include <map>

#include "app/gui/config/config_controller.h"
#include "app/gui/config/form_bridge.h"
#include "app/gui/conversions.h"
#include "app/gui/metatypes.h"
#include "app/gui/run/training_worker.h"
#include "model/config/live_settings.h"
#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/runs/lineage.h"
#include "model/runs/run_directory.h"
#include "model/training/system_info.h"
#include "model/training/trainer.h"
#include "ui/window/main_window.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

std::vector<gs::ControlRequest> request(gs::ControlCommand command) {
  gs::ControlRequest r;
  r.command = command;
  return {r};
}

}  // namespace

template <typename F>
void RunController::onWorker(F function) {
  QMetaObject::invokeMethod(worker_, std::move(function), Qt::QueuedConnection);
}

RunController::RunController(ui::MainWindow* window, ConfigController* config,
                             SessionState* session, QObject* parent)
    : QObject(parent),
      window_(window),
      view_(window),
      config_(config),
      session_(session),
      worker_(new TrainingWorker) {
  registerMetaTypes();

  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  thread_.setObjectName(QStringLiteral("training"));
  thread_.start();

  // Window -> the steering of the run the window follows.
  connect(window_, &ui::MainWindow::startRequested, this, &RunController::start);
  connect(window_, &ui::MainWindow::pauseRequested, this,
          [this] { steer(request(gs::ControlCommand::Pause)); });
  connect(window_, &ui::MainWindow::resumeRequested, this,
          [this] { steer(request(gs::ControlCommand::Resume)); });
  connect(window_, &ui::MainWindow::stepRequested, this,
          [this] { steer(request(gs::ControlCommand::Step)); });
  connect(window_, &ui::MainWindow::stopRequested, this,
          [this] { steer(request(gs::ControlCommand::Stop)); });
  connect(window_, &ui::MainWindow::resumeRunRequested, this, &RunController::resumeRun);
  connect(window_, &ui::MainWindow::shutdownRequested, this, &RunController::shutdown);
  connect(window_->form(), &ui::ConfigForm::liveChanged, this, &RunController::liveEdited);
  // Cancelling a load cannot wait in the worker's queue: the flag is read as files load.
  connect(window_, &ui::MainWindow::loadCancelRequested, this,
          [this] { worker_->cancelLoading(); });
  connect(window_, &ui::MainWindow::measureQualityRequested, this,
          [this] { onWorker([w = worker_] { w->measureNow(); }); });
  connect(window_, &ui::MainWindow::healthActionRequested, this, &RunController::healthAction);
  connectWorker();
  view_->showTrainer(q(gs::torch_description()), {});
}

// Worker -> the view (queued: the worker lives on its own thread).
void RunController::connectWorker() {
  connect(worker_, &TrainingWorker::stateChanged, window_,
          [this](ui::TrainingState state, const QString& message) {
            view_->setTrainingState(state, message);
          });
  connect(worker_, &TrainingWorker::said, window_,
          [this](const QString& sentence) { window_->showMessage(sentence, 5000); });
  connect(worker_, &TrainingWorker::metricsReady, window_,
          [this](const QVector<ui::MetricPoint>& points) { view_->appendMetrics(points); });
  connect(worker_, &TrainingWorker::liveChangeApplied, window_,
          [this](const ui::LiveChange& change) { view_->addLiveChange(change); });
  connect(worker_, &TrainingWorker::historyRestored, window_,
          [this](const QVector<ui::MetricPoint>& points, const QVector<ui::LiveChange>& changes,
                 const QVector<ui::QualityPoint>& quality, const QVector<ui::HealthNotice>& notices,
                 const QVector<ui::ScorePoint>& scores) {
            view_->resetRun();
            view_->appendMetrics(points);
            for (const ui::LiveChange& change : changes) view_->addLiveChange(change);
            for (const ui::QualityPoint& point : quality) view_->appendQuality(point);
            for (const ui::HealthNotice& notice : notices) view_->addHealthNotice(notice, false);
            for (const ui::ScorePoint& point : scores) view_->appendScores(point);
          });
  connect(worker_, &TrainingWorker::samplesReady, this,
          [this](const gs::ImageBatch& grid, qint64 iteration) {
            session_->grid = grid;
            view_->showGrid(toGridImage(grid, gs::kGridColumns), gs::kGridColumns, iteration);
          });
  connect(worker_, &TrainingWorker::loadingProgress, window_, &ui::MainWindow::showLoading);
  connect(worker_, &TrainingWorker::progressChanged, window_,
          [this](const ui::Progress& progress) { view_->setProgress(progress); });
  connect(worker_, &TrainingWorker::runStarted, this, &RunController::runStarted);
  connect(worker_, &TrainingWorker::gridLatentsReady, this,
          [this](const QVector<float>& latents, int noiseDim) {
            session_->gridLatents = latents;
            session_->noiseDim = noiseDim;
          });
  connect(worker_, &TrainingWorker::generatorSnapshot, this,
          [this](const gs::RunConfig& config, const QByteArray&) { session_->config = config; });
  connect(worker_, &TrainingWorker::problem, window_, [this](const QString& message) {
    window_->showError(tr("A problem during training"), message);
  });
  connect(worker_, &TrainingWorker::qualityReady, window_,
          [this](const ui::QualityPoint& point) { view_->appendQuality(point); });
  connect(worker_, &TrainingWorker::scoresReady, window_,
          [this](const ui::ScorePoint& point) { view_->appendScores(point); });
  connect(worker_, &TrainingWorker::gridVerdictsReady, window_,
          [this](qint64 iteration, const QVector<float>& verdicts) {
            view_->showGridVerdicts(iteration, verdicts);
          });
  connect(worker_, &TrainingWorker::healthWarning, window_,
          [this](const ui::HealthNotice& notice) { view_->addHealthNotice(notice, true); });
}

RunController::~RunController() { shutdown(false); }

QString RunController::defaultRunsFolder() {
  // ~/.local/share/GanStudio/runs (AppLocalDataLocation would add the organization's name too:
  // GanStudio/GanStudio).
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
      .filePath(QStringLiteral("GanStudio/runs"));
}

void RunController::start() {
  gs::RunConfig config;
  QString error;
  if (!config_->currentConfig(&config, &error)) {
    view_->setTrainingState(window_->trainingState());  // re-enable Start
    window_->showError(tr("Cannot start"), error);
    config_->focusFirstInvalid();
    return;
  }
  QString runPath = config.outputs.run_dir.empty()
                        ? q(gs::default_run_path(defaultRunsFolder().toStdString()))
                        : q(config.outputs.run_dir);
  // The folder field still naming a run (the one just trained, branched or resumed): this run
  // goes into a new folder of its own, and the window says where.
  auto holdsRun = [](const QString& path) {
    const QDir folder(path);
    return folder.exists(q(gs::kConfigFile)) || folder.exists(q(gs::kMetricsFile));
  };
  QString taken;
  if (holdsRun(runPath)) {
    // Beside it: "first" becomes "first-2" (or the next name free).
    taken = runPath;
    for (int n = 2; holdsRun(runPath); ++n) runPath = taken + QStringLiteral("-%1").arg(n);
    config.outputs.run_dir = runPath.toStdString();
  }
  config_->rememberConfig();
  view_->resetRun();
  if (!taken.isEmpty()) {
    window_->showNotice(
        tr("%1 already holds a run: this one goes into %2")
            .arg(QDir::toNativeSeparators(taken), QDir::toNativeSeparators(runPath)),
        runPath);
  }
  if (!pendingBranch_.isEmpty()) {
    // Start after "Branch from Here": a new run from that checkpoint with the form's settings.
    const QString spec = pendingBranch_;
    pendingBranch_.clear();
    onWorker([w = worker_, spec, config, runPath] { w->startBranch(spec, config, runPath); });
    return;
  }
  onWorker([w = worker_, config, runPath] { w->startRun(config, runPath); });
}

void RunController::prepareBranch(const QString& runFolder, qint64 checkpointIteration) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"), tr("Stop the current run before branching."));
    return;
  }
  const QString spec = QStringLiteral("%1@%2").arg(runFolder).arg(checkpointIteration);
  try {
    gs::RunConfig config = gs::read_checkpoint_config(gs::branch_checkpoint(spec.toStdString()));
    config.outputs.run_dir.clear();  // a new folder of its own
    view_->showSettings(toFormValues(config));
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot branch"), q(error.what()));
    return;
  }
  pendingBranch_ = spec;
  window_->showNotice(
      tr("Branching from %1 at iteration %2: change any setting, then Start. The run shown is "
         "not written.")
          .arg(QDir::toNativeSeparators(runFolder))
          .arg(checkpointIteration));
}

void RunController::resumeRun(const QString& path) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"), tr("Stop the current run before resuming another."));
    return;
  }
  pendingBranch_.clear();
  view_->resetRun();
  onWorker([w = worker_, path] { w->resumeRun(path); });
}

void RunController::runStarted(const RunInfo& info) {
  view_->showTrainer(info.device, info.model);
  showClassesOf(*view_, info.config);
  session_->runFolder = info.runPath;
  session_->config = info.config;
  current_ = info.config;
  // The form shows the run it drives: its settings as they are now.
  if (info.resumed) view_->showSettings(toFormValues(info.config));
  view_->showSkippedFiles(info.datasetSize, info.skipped);
}

void RunController::steer(std::vector<gs::ControlRequest> requests) {
  for (gs::ControlRequest& request : requests) request.from = gs::control_sender("window");
  if (sendRequest_) {
    for (const gs::ControlRequest& request : requests) sendRequest_(request);
  } else {
    worker_->submit(requests);
  }
}

void RunController::steerTo(const gs::RunConfig& wanted) {
  std::vector<gs::ControlRequest> sets;
  for (const gs::SettingChange& change : gs::live_changes(current_, wanted)) {
    gs::ControlRequest set;
    set.command = gs::ControlCommand::Set;
    set.key = change.key;
    set.value = change.value;
    sets.push_back(set);
  }
  steer(sets);
  current_ = wanted;
}

void RunController::healthAction(ui::HealthAction action) {
  if (action == ui::HealthAction::RollBack) {
    onWorker([w = worker_] { w->rollBack(0.5); });
    return;
  }
  const bool d = action == ui::HealthAction::HalveDLearningRate ||
                 action == ui::HealthAction::HalveLearningRates;
  const bool g = action == ui::HealthAction::HalveGLearningRate ||
                 action == ui::HealthAction::HalveLearningRates;
  gs::RunConfig wanted = current_;
  gs::scale_learning_rates(wanted, d ? 0.5 : 1.0, g ? 0.5 : 1.0);
  for (const gs::SettingChange& change : gs::live_changes(current_, wanted))
    view_->showSetting(q(change.key), q(change.value));
  steerTo(wanted);
}

void RunController::liveEdited(const ui::FormValues& changes) {
  std::map<std::string, std::string> texts;
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    texts[it.key().toStdString()] = it.value().toStdString();
  }
  try {
    steerTo(gs::edit_live_settings(current_, texts));
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot change the setting"), QString::fromUtf8(error.what()));
  }
}

void RunController::beginSteering(const gs::RunConfig& resolved,
                                  std::function<void(const gs::ControlRequest&)> sendRequest) {
  current_ = resolved;
  sendRequest_ = std::move(sendRequest);
}

void RunController::endSteering() { sendRequest_ = nullptr; }

void RunController::requestSnapshot() {
  onWorker([w = worker_] { w->snapshotNow(); });
}

void RunController::shutdown(bool saveCheckpoint) {
  if (shutDown_) return;
  shutDown_ = true;
  worker_->cancelLoading();
  QMetaObject::invokeMethod(
      worker_, [w = worker_, saveCheckpoint] { w->shutdown(saveCheckpoint); },
      Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
  // Nothing runs any more: closing the window (QApplication::quit closes it too) must not ask.
  if (window_->runActive()) view_->setTrainingState(ui::TrainingState::Stopped);
}

}  // namespace app
