#include "app/gui/training_controller.h"

#include <QDir>
#include <QMetaObject>
#include <QSettings>
#include <QStandardPaths>

#include "app/gui/form_bridge.h"
#include "app/gui/training_worker.h"
#include "model/error.h"
#include "model/image_set.h"
#include "model/run_directory.h"
#include "model/system_info.h"
#include "ui/config_form.h"
#include "ui/main_window.h"
#include "ui/plots_panel.h"
#include "ui/sample_grid_view.h"
#include "ui/status_line.h"

namespace app {

namespace {

QString q(const std::string& text) {
  return QString::fromStdString(text);
}

const char* kLastConfigKey = "lastConfiguration";

}  // namespace

template <typename F>
void TrainingController::onWorker(F function) {
  QMetaObject::invokeMethod(worker_, std::move(function), Qt::QueuedConnection);
}

TrainingController::TrainingController(ui::MainWindow* window, QObject* parent)
    : QObject(parent), window_(window), worker_(new TrainingWorker) {
  qRegisterMetaType<ui::TrainingState>();
  qRegisterMetaType<ui::MetricPoint>();
  qRegisterMetaType<ui::LiveChange>();
  qRegisterMetaType<ui::Progress>();
  qRegisterMetaType<QVector<ui::MetricPoint>>();
  qRegisterMetaType<QVector<ui::LiveChange>>();

  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  thread_.setObjectName(QStringLiteral("training"));
  thread_.start();

  // Window -> worker.
  connect(window_, &ui::MainWindow::startRequested, this, &TrainingController::start);
  connect(window_, &ui::MainWindow::pauseRequested, this, [this] { worker_->requestPause(); });
  connect(window_, &ui::MainWindow::resumeRequested, this,
          [this] { onWorker([w = worker_] { w->resume(); }); });
  connect(window_, &ui::MainWindow::stepRequested, this,
          [this] { onWorker([w = worker_] { w->stepOnce(); }); });
  connect(window_, &ui::MainWindow::stopRequested, this, [this] {
    worker_->requestStop();
    onWorker([w = worker_] { w->stop(); });  // also stops a paused run
  });
  connect(window_, &ui::MainWindow::openConfigRequested, this, &TrainingController::openConfig);
  connect(window_, &ui::MainWindow::saveConfigRequested, this, &TrainingController::saveConfig);
  connect(window_, &ui::MainWindow::resumeRunRequested, this, &TrainingController::resumeRun);
  connect(window_, &ui::MainWindow::shutdownRequested, this, &TrainingController::shutdown);
  connect(window_->form(), &ui::ConfigForm::liveChanged, this,
          [this](const ui::FormValues& changes) {
            onWorker([w = worker_, changes] { w->applyLive(changes); });
          });
  connect(window_->form(), &ui::ConfigForm::edited, this, &TrainingController::rememberConfig);

  // Worker -> window (queued: the worker lives on its own thread).
  connect(worker_, &TrainingWorker::stateChanged, window_, &ui::MainWindow::setTrainingState);
  connect(worker_, &TrainingWorker::metricsReady, window_->plots(), &ui::PlotsPanel::appendMetrics);
  connect(worker_, &TrainingWorker::liveChangeApplied, window_->plots(),
          &ui::PlotsPanel::addLiveChange);
  connect(worker_, &TrainingWorker::historyRestored, window_,
          [this](const QVector<ui::MetricPoint>& points, const QVector<ui::LiveChange>& changes) {
            window_->plots()->clear();
            window_->plots()->appendMetrics(points);
            for (const auto& change : changes)
              window_->plots()->addLiveChange(change);
          });
  connect(worker_, &TrainingWorker::samplesReady, window_->grid(), &ui::SampleGridView::setGrid);
  connect(worker_, &TrainingWorker::progressChanged, window_->statusLine(),
          &ui::StatusLine::setProgress);
  connect(worker_, &TrainingWorker::runStarted, window_,
          [this](const QString&, const QString& device, qint64) {
            window_->statusLine()->setDevice(device);
          });
  connect(worker_, &TrainingWorker::problem, window_, [this](const QString& message) {
    window_->showError(tr("A problem during training"), message);
  });

  window_->form()->setDevices(deviceChoices());
  QList<QPair<QString, QString>> datasets;
  for (const auto& [name, path] : gs::installed_image_sets())
    datasets.append({q(name), q(path)});
  window_->form()->setDatasets(datasets);
  restoreLastConfig();
  window_->statusLine()->setDevice(q(gs::torch_description()));
}

TrainingController::~TrainingController() {
  shutdown(false);
}

QString TrainingController::defaultRunsFolder() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
      .filePath(QStringLiteral("runs"));
}

bool TrainingController::currentConfig(gs::RunConfig* config, QString* error) const {
  const QStringList invalid = window_->form()->invalidKeys();
  if (!invalid.isEmpty()) {
    if (error) {
      *error = tr("Fix the highlighted setting first: %1")
                   .arg(window_->form()->errorText(invalid.front()));
    }
    return false;
  }
  return fromFormValues(window_->form()->values(), config, error);
}

void TrainingController::start() {
  gs::RunConfig config;
  QString error;
  if (!currentConfig(&config, &error)) {
    window_->setTrainingState(window_->trainingState());  // re-enable Start
    window_->showError(tr("Cannot start"), error);
    const QStringList invalid = window_->form()->invalidKeys();
    if (!invalid.isEmpty())
      window_->form()->focusKey(invalid.front());
    return;
  }
  const QString runPath = config.outputs.run_dir.empty()
                              ? q(gs::default_run_path(defaultRunsFolder().toStdString()))
                              : q(config.outputs.run_dir);
  config.outputs.run_dir = runPath.toStdString();
  rememberConfig();
  window_->plots()->clear();
  window_->grid()->clear();
  onWorker([w = worker_, config, runPath] { w->startRun(config, runPath); });
}

void TrainingController::resumeRun(const QString& path) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"), tr("Stop the current run before resuming another."));
    return;
  }
  window_->plots()->clear();
  window_->grid()->clear();
  window_->form()->setRunActive(true);
  onWorker([w = worker_, path] { w->resumeRun(path); });
}

bool TrainingController::openConfig(const QString& path) {
  try {
    const gs::RunConfig config = gs::load_config(path.toStdString());
    window_->form()->setValues(toFormValues(config));
    rememberConfig();
    window_->showMessage(tr("Loaded %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot open the configuration"), QString::fromUtf8(error.what()));
    return false;
  }
}

bool TrainingController::saveConfig(const QString& path) {
  gs::RunConfig config;
  QString error;
  if (!currentConfig(&config, &error)) {
    window_->showError(tr("Cannot save the configuration"), error);
    return false;
  }
  try {
    gs::save_config(config, path.toStdString());
    window_->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
  } catch (const gs::Error& e) {
    window_->showError(tr("Cannot save the configuration"), QString::fromUtf8(e.what()));
    return false;
  }
}

void TrainingController::rememberConfig() {
  gs::RunConfig config;
  if (!fromFormValues(window_->form()->values(), &config, nullptr))
    return;
  QSettings().setValue(kLastConfigKey, q(gs::to_yaml(config)));
}

void TrainingController::restoreLastConfig() {
  const QString text = QSettings().value(kLastConfigKey).toString();
  gs::RunConfig config;
  if (!text.isEmpty()) {
    try {
      config = gs::parse_config(text.toStdString(), "the last configuration");
    } catch (const gs::Error& error) {
      window_->showMessage(tr("The last configuration could not be restored: %1")
                               .arg(QString::fromUtf8(error.what())));
      config = gs::RunConfig();
    }
  }
  window_->form()->setValues(toFormValues(config));
}

void TrainingController::shutdown(bool saveCheckpoint) {
  if (shutDown_)
    return;
  shutDown_ = true;
  worker_->requestStop();
  QMetaObject::invokeMethod(
      worker_, [w = worker_, saveCheckpoint] { w->shutdown(saveCheckpoint); },
      Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
}

}  // namespace app
