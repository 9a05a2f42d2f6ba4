#include "app/gui/run/training_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QMetaObject>
#include <QSettings>
#include <QStandardPaths>

#include "app/gui/conversions.h"
#include "app/gui/config/form_bridge.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/run/training_worker.h"
#include "model/io/error.h"
#include "model/data/image_set.h"
#include "model/runs/run_directory.h"
#include "model/training/system_info.h"
#include "ui/training/config_form.h"
#include "ui/export/export_dialog.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/window/main_window.h"
#include "ui/training/plots_panel.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/window/status_line.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

const char* kLastConfigKey = "lastConfiguration";

}  // namespace

template <typename F>
void TrainingController::onWorker(F function) {
  QMetaObject::invokeMethod(worker_, std::move(function), Qt::QueuedConnection);
}

TrainingController::TrainingController(ui::MainWindow* window, QObject* parent)
    : QObject(parent),
      window_(window),
      worker_(new TrainingWorker),
      generator_(new GeneratorService) {
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
  generator_->moveToThread(&generatorThread_);
  connect(&generatorThread_, &QThread::finished, generator_, &QObject::deleteLater);
  generatorThread_.setObjectName(QStringLiteral("generator"));
  generatorThread_.start();

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
            for (const auto& change : changes) window_->plots()->addLiveChange(change);
          });
  connect(worker_, &TrainingWorker::samplesReady, window_->grid(), &ui::SampleGridView::setGrid);
  connect(worker_, &TrainingWorker::progressChanged, window_->statusLine(),
          &ui::StatusLine::setProgress);
  connect(worker_, &TrainingWorker::runStarted, window_,
          [this](const QString& runPath, const QString& device, qint64) {
            window_->statusLine()->setDevice(device);
            runFolder_ = runPath;
          });
  connect(worker_, &TrainingWorker::problem, window_, [this](const QString& message) {
    window_->showError(tr("A problem during training"), message);
  });

  connectExplorer();

  window_->form()->setDevices(deviceChoices());
  QList<QPair<QString, QString>> datasets;
  for (const auto& [name, path] : gs::installed_image_sets()) datasets.append({q(name), q(path)});
  window_->form()->setDatasets(datasets);
  restoreLastConfig();
  window_->statusLine()->setDevice(q(gs::torch_description()));
}

TrainingController::~TrainingController() { shutdown(false); }

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
    if (!invalid.isEmpty()) window_->form()->focusKey(invalid.front());
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
  if (!fromFormValues(window_->form()->values(), &config, nullptr)) return;
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
  if (shutDown_) return;
  shutDown_ = true;
  worker_->requestStop();
  QMetaObject::invokeMethod(
      worker_, [w = worker_, saveCheckpoint] { w->shutdown(saveCheckpoint); },
      Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
  generatorThread_.quit();
  generatorThread_.wait();
  // Nothing runs any more: closing the window (QApplication::quit closes it too) must not ask.
  if (window_->runActive()) window_->setTrainingState(ui::TrainingState::Finished);
}

}  // namespace app

namespace app {

void TrainingController::connectExplorer() {
  ui::LatentExplorerPanel* explorer = window_->explorer();
  // Requests go straight to the renderer (thread-safe, newest wins); results come back queued.
  connect(explorer, &ui::LatentExplorerPanel::renderRequested, this,
          [this](const QVector<float>& z, quint64 stamp) { generator_->requestPreview(z, stamp); });
  connect(explorer, &ui::LatentExplorerPanel::stripRequested, this,
          [this](const QVector<float>& latents, int frames, quint64 stamp) {
            generator_->requestStrip(latents, frames, stamp);
          });
  connect(generator_, &GeneratorService::previewReady, explorer,
          &ui::LatentExplorerPanel::setPreview);
  connect(generator_, &GeneratorService::stripReady, explorer, &ui::LatentExplorerPanel::setStrip);
  connect(explorer, &ui::LatentExplorerPanel::message, window_,
          [this](const QString& text) { window_->showMessage(text, 5000); });
  connect(explorer, &ui::LatentExplorerPanel::engagedChanged, this, [this](bool engaged) {
    onWorker([w = worker_, engaged] { w->setSnapshotsWanted(engaged); });
  });
  connect(generator_, &GeneratorService::generatorReady, explorer, [explorer](int noiseDim) {
    explorer->setNoiseDim(noiseDim);
    explorer->setAvailable(true);
    explorer->refresh();
  });
  connect(generator_, &GeneratorService::failed, window_,
          [this](const QString& message) { window_->showError(tr("Generator"), message); });
  connect(worker_, &TrainingWorker::generatorSnapshot, this,
          [this](const QString& configYaml, const QByteArray& weights) {
            runConfigYaml_ = configYaml;
            QMetaObject::invokeMethod(
                generator_,
                [g = generator_, configYaml, weights] { g->useWeights(configYaml, weights); },
                Qt::QueuedConnection);
            const auto waiting = waitingForWeights_;
            waitingForWeights_.clear();
            for (const ui::ExportRequest& request : waiting) runExportNow(request);
          });
  connect(worker_, &TrainingWorker::gridLatentsReady, this,
          [this](const QVector<float>& latents, int noiseDim) {
            gridLatents_ = latents;
            gridNoiseDim_ = noiseDim;
          });
  connect(window_->grid(), &ui::SampleGridView::cellClicked, this,
          &TrainingController::showCellInExplorer);
  connect(window_, &ui::MainWindow::openCheckpointRequested, this,
          &TrainingController::openCheckpoint);
  connect(window_, &ui::MainWindow::exportRequested, this, &TrainingController::exportWithDialog);
  connect(generator_, &GeneratorService::checkpointOpened, this,
          [this](const QString& path, const QImage& grid, const QVector<float>& latents,
                 int noiseDim, const QString& runFolder, const QString& configYaml) {
            gridLatents_ = latents;
            gridNoiseDim_ = noiseDim;
            runFolder_ = runFolder;
            runConfigYaml_ = configYaml;
            window_->grid()->setGrid(grid, 8, -1);
            window_->grid()->setCaption(tr("From %1").arg(QFileInfo(path).fileName()));
            window_->showMessage(
                tr("Opened %1: click a digit to explore it, or export with File → Export")
                    .arg(QDir::toNativeSeparators(path)));
            Q_EMIT checkpointOpened(path);
          });
  connect(generator_, &GeneratorService::exportFinished, window_,
          [this](bool ok, const QString& message) {
            Q_EMIT exportFinished(ok, message);
            if (ok) {
              window_->showMessage(message, 15000);
              auto* box = new QMessageBox(QMessageBox::Information, tr("Export"), message,
                                          QMessageBox::Ok, window_);
              box->setAttribute(Qt::WA_DeleteOnClose);
              box->open();
            } else {
              window_->showError(tr("Export failed"), message);
            }
          });
}

QVector<float> TrainingController::gridLatent(int index) const {
  if (gridNoiseDim_ <= 0 || index < 0 || (index + 1) * gridNoiseDim_ > gridLatents_.size())
    return {};
  return gridLatents_.mid(index * gridNoiseDim_, gridNoiseDim_);
}

void TrainingController::showCellInExplorer(int index) {
  if (gridNoiseDim_ <= 0 || (index + 1) * gridNoiseDim_ > gridLatents_.size()) return;
  if (!window_->explorer()->isAvailable()) return;
  window_->explorer()->setLatent(gridLatents_.mid(index * gridNoiseDim_, gridNoiseDim_));
  window_->showMessage(tr("Exploring the latent vector of cell %1").arg(index + 1), 5000);
}

void TrainingController::openCheckpoint(const QString& path) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"),
                       tr("Stop training before opening a checkpoint to explore."));
    return;
  }
  QMetaObject::invokeMethod(
      generator_, [g = generator_, path] { g->openCheckpoint(path); }, Qt::QueuedConnection);
}

void TrainingController::exportWithDialog() {
  const QString folder =
      QSettings()
          .value(QStringLiteral("exportFolder"),
                 QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
          .toString();
  ui::ExportDialog dialog(folder, window_);
  using Kind = ui::ExportRequest::Kind;
  if (window_->grid()->grid().isNull()) {
    dialog.setUnavailable(Kind::GridPng,
                          tr("There is no grid yet: start training or open a checkpoint."));
  }
  if (window_->explorer()->preview().isNull()) {
    dialog.setUnavailable(Kind::DigitPng, tr("The explorer shows no digit yet."));
  }
  if (window_->explorer()->stripFrames().isEmpty()) {
    dialog.setUnavailable(Kind::StripPng, tr("Set A and B in the explorer first."));
  }
  const QString noRun =
      tr("There is no run folder yet: train, or open a checkpoint that lives in one.");
  if (runFolder_.isEmpty()) {
    dialog.setUnavailable(Kind::TrainingGif, noRun);
    dialog.setUnavailable(Kind::MetricsCsv, noRun);
  }
  if (!window_->explorer()->isAvailable()) {
    const QString noGenerator = tr("There is no generator yet: train, or open a checkpoint.");
    dialog.setUnavailable(Kind::SamplesIdx, noGenerator);
    dialog.setUnavailable(Kind::SamplesPngFolder, noGenerator);
  }
  if (dialog.exec() != QDialog::Accepted) return;
  const ui::ExportRequest request = dialog.request();
  QSettings().setValue(QStringLiteral("exportFolder"), QFileInfo(request.path).path());
  startExport(request);
}

void TrainingController::startExport(const ui::ExportRequest& request) {
  using Kind = ui::ExportRequest::Kind;
  const bool needsWeights =
      request.kind == Kind::SamplesIdx || request.kind == Kind::SamplesPngFolder;
  window_->showMessage(tr("Exporting…"));
  if (needsWeights && window_->runActive()) {
    // Samples come from the newest weights: ask the worker for them first.
    waitingForWeights_.append(request);
    onWorker([w = worker_] { w->snapshotNow(); });
    return;
  }
  runExportNow(request);
}

void TrainingController::runExportNow(const ui::ExportRequest& request) {
  ExportInputs inputs;
  inputs.grid = toImageBatch(window_->grid()->grid(), 8);
  inputs.digit = toGrayImage(window_->explorer()->preview());
  for (const QImage& frame : window_->explorer()->stripFrames()) {
    inputs.strip.push_back(toGrayImage(frame));
  }
  inputs.runFolder = runFolder_;
  if (runConfigYaml_.isEmpty()) {
    gs::RunConfig config;
    if (currentConfig(&config, nullptr)) inputs.configYaml = q(gs::to_yaml(config));
  } else {
    inputs.configYaml = runConfigYaml_;
  }
  QMetaObject::invokeMethod(
      generator_, [g = generator_, request, inputs] { g->runExport(request, inputs); },
      Qt::QueuedConnection);
}

}  // namespace app
