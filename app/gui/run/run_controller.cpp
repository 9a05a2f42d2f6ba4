#include "app/gui/run/run_controller.h"

#include <QDir>
#include <QMetaObject>
#include <QStandardPaths>
#include <map>

#include "app/gui/config/config_controller.h"
#include "app/gui/config/form_bridge.h"
#include "app/gui/metatypes.h"
#include "app/gui/run/training_worker.h"
#include "model/io/error.h"
#include "model/runs/lineage.h"
#include "model/runs/run_directory.h"
#include "model/training/system_info.h"
#include "model/training/trainer.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/health_banner.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/notice_bar.h"
#include "ui/window/status_line.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

template <typename F>
void RunController::onWorker(F function) {
  QMetaObject::invokeMethod(worker_, std::move(function), Qt::QueuedConnection);
}

RunController::RunController(ui::MainWindow* window, ConfigController* config,
                             SessionState* session, QObject* parent)
    : QObject(parent),
      window_(window),
      config_(config),
      session_(session),
      worker_(new TrainingWorker) {
  registerMetaTypes();

  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  thread_.setObjectName(QStringLiteral("training"));
  thread_.start();

  // Window -> worker.
  connect(window_, &ui::MainWindow::startRequested, this, &RunController::start);
  // While watching another process's run, the same actions go to it as requests.
  auto steered = [this](const char* command) {
    if (!steer_) return false;
    gs::ControlRequest request;
    request.command = command;
    steer_(request);
    return true;
  };
  connect(window_, &ui::MainWindow::pauseRequested, this, [this, steered] {
    if (!steered("pause")) worker_->requestPause();
  });
  connect(window_, &ui::MainWindow::resumeRequested, this, [this, steered] {
    if (!steered("resume")) onWorker([w = worker_] { w->resume(); });
  });
  connect(window_, &ui::MainWindow::stepRequested, this, [this, steered] {
    if (!steered("step")) onWorker([w = worker_] { w->stepOnce(); });
  });
  connect(window_, &ui::MainWindow::stopRequested, this, [this, steered] {
    if (steered("stop")) return;
    worker_->requestStop();
    onWorker([w = worker_] { w->stop(); });  // also stops a paused run
  });
  connect(window_, &ui::MainWindow::resumeRunRequested, this, &RunController::resumeRun);
  connect(window_, &ui::MainWindow::shutdownRequested, this, &RunController::shutdown);
  connect(window_->form(), &ui::ConfigForm::liveChanged, this, &RunController::liveEdited);

  // Worker -> window (queued: the worker lives on its own thread).
  connect(worker_, &TrainingWorker::stateChanged, window_, &ui::MainWindow::setTrainingState);
  connect(worker_, &TrainingWorker::metricsReady, window_->plots(), &ui::PlotsPanel::appendMetrics);
  connect(worker_, &TrainingWorker::liveChangeApplied, window_->plots(),
          &ui::PlotsPanel::addLiveChange);
  connect(worker_, &TrainingWorker::historyRestored, window_,
          [this](const QVector<ui::MetricPoint>& points, const QVector<ui::LiveChange>& changes) {
            window_->plots()->clear();
            window_->plots()->appendMetrics(points);
            for (const auto& change : changes) window_->plots()->addLiveChange(change);
          });
  connect(worker_, &TrainingWorker::samplesReady, this,
          [this](const QImage& grid, int columns, qint64 iteration) {
            session_->grid = grid;
            // A person looking at an older grid (the history scrubber) keeps seeing it.
            if (window_->history()->following()) window_->grid()->setGrid(grid, columns, iteration);
          });
  connect(worker_, &TrainingWorker::loadingProgress, window_, &ui::MainWindow::showLoading);
  // Cancelling a load cannot wait in the worker's queue: the flag is read as files load.
  connect(window_, &ui::MainWindow::loadCancelRequested, this, [this] { worker_->requestStop(); });
  connect(worker_, &TrainingWorker::progressChanged, window_->statusLine(),
          &ui::StatusLine::setProgress);
  connect(worker_, &TrainingWorker::runStarted, this, &RunController::runStarted);
  connect(worker_, &TrainingWorker::gridLatentsReady, this,
          [this](const QVector<float>& latents, int noiseDim) {
            session_->gridLatents = latents;
            session_->noiseDim = noiseDim;
          });
  connect(
      worker_, &TrainingWorker::generatorSnapshot, this,
      [this](const QString& configYaml, const QByteArray&) { session_->configYaml = configYaml; });
  connect(worker_, &TrainingWorker::problem, window_, [this](const QString& message) {
    window_->showError(tr("A problem during training"), message);
  });
  connect(worker_, &TrainingWorker::qualityReady, this, [this](const ui::QualityPoint& point) {
    window_->plots()->appendQuality(point);
    window_->statusLine()->setQuality(point);
  });
  connect(worker_, &TrainingWorker::healthWarning, this, [this](const ui::HealthNotice& notice) {
    window_->plots()->addHealthMarker(notice);
    window_->healthBanner()->addNotice(notice);
  });
  connect(
      worker_, &TrainingWorker::qualityHistoryRestored, this,
      [this](const QVector<ui::QualityPoint>& points, const QVector<ui::HealthNotice>& notices) {
        for (const ui::QualityPoint& point : points) window_->plots()->appendQuality(point);
        if (!points.isEmpty()) window_->statusLine()->setQuality(points.last());
        for (const ui::HealthNotice& notice : notices) window_->plots()->addHealthMarker(notice);
      });
  connect(window_, &ui::MainWindow::measureQualityRequested, this,
          [this] { onWorker([w = worker_] { w->measureNow(); }); });
  connect(window_, &ui::MainWindow::healthActionRequested, this, &RunController::healthAction);
  window_->statusLine()->setDevice(q(gs::torch_description()));
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
    window_->setTrainingState(window_->trainingState());  // re-enable Start
    window_->showError(tr("Cannot start"), error);
    const QStringList invalid = window_->form()->invalidKeys();
    if (!invalid.isEmpty()) window_->form()->focusKey(invalid.front());
    return;
  }
  const QString runPath = config.outputs.run_dir.empty()
                              ? q(gs::default_run_path(defaultRunsFolder().toStdString()))
                              : q(config.outputs.run_dir);
  config_->rememberConfig();
  window_->plots()->clear();
  window_->grid()->clear();
  window_->healthBanner()->clear();
  window_->statusLine()->clearQuality();
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
    window_->form()->setValues(toFormValues(config));
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
  window_->plots()->clear();
  window_->grid()->clear();
  window_->healthBanner()->clear();
  window_->statusLine()->clearQuality();
  window_->form()->setRunActive(true);
  onWorker([w = worker_, path] { w->resumeRun(path); });
}

void RunController::runStarted(const RunInfo& info) {
  window_->statusLine()->setDevice(info.device);
  window_->statusLine()->setModel(info.model);
  session_->runFolder = info.runPath;
  session_->configYaml = info.configYaml;
  live_ = info.live;
  liveDefaults_ = gs::default_live_settings(info.preset);
  if (info.resumed) {
    // The form shows the run it drives: its settings as they are now.
    try {
      window_->form()->setValues(
          toFormValues(gs::parse_config(info.configYaml.toStdString(), "the run")));
    } catch (const gs::Error&) {
      // the form keeps what it had; the run is what it is
    }
  }
}

void RunController::healthAction(ui::HealthAction action) {
  if (action == ui::HealthAction::RollBack) {
    window_->healthBanner()->clear();
    onWorker([w = worker_] { w->rollBack(0.5); });
    return;
  }
  gs::LiveSettings live = live_;
  if (action == ui::HealthAction::HalveDLearningRate ||
      action == ui::HealthAction::HalveLearningRates) {
    live.learning_rate_d *= 0.5;
  }
  if (action == ui::HealthAction::HalveGLearningRate ||
      action == ui::HealthAction::HalveLearningRates) {
    live.learning_rate_g *= 0.5;
  }
  if (live == live_) return;
  live_ = live;
  window_->form()->showValue(QStringLiteral("training.learning_rate_d"),
                             QString::number(live.learning_rate_d, 'g', 6));
  window_->form()->showValue(QStringLiteral("training.learning_rate_g"),
                             QString::number(live.learning_rate_g, 'g', 6));
  onWorker([w = worker_, live] { w->applyLive(live); });
}

void RunController::liveEdited(const ui::FormValues& changes) {
  std::map<std::string, std::string> texts;
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    texts[it.key().toStdString()] = it.value().toStdString();
  }
  const gs::LiveSettings before = live_;
  try {
    live_ = gs::edit_live_settings(live_, liveDefaults_, texts);
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot change the setting"), QString::fromUtf8(error.what()));
    return;
  }
  if (steer_) {
    for (const gs::SettingChange& change : gs::live_changes(before, live_)) {
      gs::ControlRequest request;
      request.command = "set";
      request.key = change.key;
      request.value = change.value;
      steer_(request);
    }
    return;
  }
  onWorker([w = worker_, settings = live_] { w->applyLive(settings); });
}

void RunController::beginSteering(const gs::RunConfig& resolved,
                                  std::function<void(const gs::ControlRequest&)> steer) {
  live_ = gs::live_settings_of(resolved);
  liveDefaults_ = gs::default_live_settings(*resolved.model.preset);
  steer_ = std::move(steer);
}

void RunController::endSteering() { steer_ = nullptr; }

void RunController::requestSnapshot() {
  onWorker([w = worker_] { w->snapshotNow(); });
}

void RunController::shutdown(bool saveCheckpoint) {
  if (shutDown_) return;
  shutDown_ = true;
  worker_->requestStop();
  QMetaObject::invokeMethod(
      worker_, [w = worker_, saveCheckpoint] { w->shutdown(saveCheckpoint); },
      Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
  // Nothing runs any more: closing the window (QApplication::quit closes it too) must not ask.
  if (window_->runActive()) window_->setTrainingState(ui::TrainingState::Finished);
}

}  // namespace app
