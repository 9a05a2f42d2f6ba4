#include "app/gui/export/export_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>

#include "app/gui/config/config_controller.h"
#include "app/gui/conversions.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"
#include "model/core/grid.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/runs/runs_panel.h"
#include "ui/window/main_window.h"

namespace app {

ExportController::ExportController(ui::MainWindow* window, const SessionState* session,
                                   GeneratorService* generator, RunController* run,
                                   ConfigController* config, QObject* parent)
    : QObject(parent),
      window_(window),
      session_(session),
      generator_(generator),
      run_(run),
      config_(config),
      explorer_(window->explorer()) {
  connect(window_, &ui::MainWindow::exportRequested, this, &ExportController::exportWithDialog);
  connect(run_->worker(), &TrainingWorker::generatorSnapshot, this, [this] {
    const auto waiting = waitingForWeights_;
    waitingForWeights_.clear();
    for (const ui::ExportRequest& request : waiting) runExportNow(request);
  });
  connect(generator_, &GeneratorService::exportProgress, this, &ExportController::showProgress);
  connect(generator_, &GeneratorService::exportFinished, this,
          [this](bool ok, const QString& message) {
            const bool cancelled = !ok && cancelled_;
            closeProgress();
            Q_EMIT exportFinished(ok, message);
            if (cancelled) {
              window_->showMessage(tr("Export cancelled; nothing was written"), 10000);
            } else if (ok) {
              // One non-modal notice: the status line and a bar with "Show in Folder".
              window_->showMessage(message, 15000);
              window_->showNotice(message, lastPath_);
            } else {
              window_->showMessage(tr("Export failed"), 10000);
              window_->showError(tr("Export failed"), message);
            }
          });
}

void ExportController::exportWithDialog() {
  const QString folder =
      QSettings()
          .value(QStringLiteral("exportFolder"),
                 QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
          .toString();
  ui::ExportDialog dialog(folder, window_);
  using Kind = ui::ExportRequest::Kind;
  if (session_->grid.count == 0) {
    dialog.setUnavailable(Kind::GridPng,
                          tr("There is no grid yet: start training or open a checkpoint."));
  }
  if (session_->digit.isNull()) {
    dialog.setUnavailable(Kind::DigitPng, tr("The explorer shows no digit yet."));
  }
  if (session_->strip.isEmpty()) {
    dialog.setUnavailable(Kind::StripPng, tr("Set A and B in the explorer first."));
  }
  const QString noRun =
      tr("There is no run folder yet: train, or open a checkpoint that lives in one.");
  if (session_->runFolder.isEmpty()) {
    dialog.setUnavailable(Kind::TrainingGif, noRun);
    dialog.setUnavailable(Kind::TrainingVideo, noRun);
    if (window_->runsPanel()->comparedRuns().size() < 2) dialog.setUnavailable(Kind::Report, noRun);
    dialog.setUnavailable(Kind::MetricsCsv, noRun);
  }
  if (!explorer_->isAvailable()) {
    const QString noGenerator = tr("There is no generator yet: train, or open a checkpoint.");
    dialog.setUnavailable(Kind::SamplesIdx, noGenerator);
    dialog.setUnavailable(Kind::SamplesPngFolder, noGenerator);
    dialog.setUnavailable(Kind::LatentWalk, noGenerator);
  }
  if (dialog.exec() != QDialog::Accepted) return;
  const ui::ExportRequest request = dialog.request();
  QSettings().setValue(QStringLiteral("exportFolder"), QFileInfo(request.path).path());
  startExport(request);
}

void ExportController::startExport(const ui::ExportRequest& request) {
  using Kind = ui::ExportRequest::Kind;
  const bool needsWeights = request.kind == Kind::SamplesIdx ||
                            request.kind == Kind::SamplesPngFolder ||
                            request.kind == Kind::LatentWalk;
  // The folder the dialog proposes (~/Pictures) may not exist yet: make it, as a file manager's
  // "save" would.
  const QFileInfo target(request.path);
  const QString folder =
      request.kind == Kind::SamplesPngFolder ? target.absoluteFilePath() : target.absolutePath();
  if (!request.path.isEmpty() && !QDir().mkpath(folder)) {
    const QString message = tr("%1: cannot create the folder %2").arg(request.path, folder);
    window_->showMessage(tr("Export failed"), 10000);
    window_->showError(tr("Export failed"), message);
    Q_EMIT exportFinished(false, message);
    return;
  }
  const bool video = request.kind == Kind::TrainingVideo || request.kind == Kind::LatentWalk;
  if (video && progress_) {
    // One video at a time: its dialog is the only way to cancel it.
    const QString message =
        tr("%1: another video is being written; wait for it or cancel it first").arg(request.path);
    window_->showError(tr("Export failed"), message);
    Q_EMIT exportFinished(false, message);
    return;
  }
  lastPath_ = request.path;
  window_->showMessage(tr("Exporting…"));
  if (video) openProgress();
  if (needsWeights && window_->runActive()) {
    // Samples come from the newest weights: ask the worker for them first.
    waitingForWeights_.append(request);
    run_->requestSnapshot();
    return;
  }
  runExportNow(request);
}

void ExportController::openProgress() {
  cancelled_ = false;
  generator_->armExport();
  progress_ = new QProgressDialog(tr("Preparing the video…"), tr("Cancel"), 0, 0, window_);
  progress_->setWindowTitle(tr("Export"));
  // Not modal: training goes on, and its controls stay in reach, while the video is written.
  progress_->setWindowModality(Qt::NonModal);
  progress_->setMinimumDuration(0);
  progress_->setAutoClose(false);
  progress_->setAutoReset(false);
  connect(progress_, &QProgressDialog::canceled, this, [this] {
    cancelled_ = true;
    generator_->cancelExport();  // thread-safe: the export stops at its next frame
    if (progress_) progress_->setLabelText(tr("Cancelling…"));
  });
  progress_->show();
}

void ExportController::showProgress(int done, int total) {
  if (!progress_ || cancelled_) return;
  progress_->setMaximum(total);
  progress_->setValue(done);
  progress_->setLabelText(tr("Writing the video: frame %1 of %2").arg(done).arg(total));
}

void ExportController::closeProgress() {
  cancelled_ = false;
  if (!progress_) return;
  progress_->hide();
  progress_->deleteLater();
  progress_ = nullptr;
}

void ExportController::runExportNow(const ui::ExportRequest& request) {
  ExportInputs inputs;
  inputs.grid = session_->grid;
  inputs.digit = toPixels(session_->digit);
  for (const QImage& frame : session_->strip) inputs.strip.push_back(toPixels(frame));
  inputs.runFolder = session_->runFolder;
  // A report covers the runs compared in the runs panel, or else the run shown.
  const QStringList compared = window_->runsPanel()->comparedRuns();
  inputs.reportRuns = compared.size() >= 2 ? compared : QStringList{};
  inputs.config = session_->config;
  if (!inputs.config) {
    gs::RunConfig config;  // no run shown yet: the form's settings
    if (config_->currentConfig(&config, nullptr)) inputs.config = config;
  }
  QMetaObject::invokeMethod(
      generator_, [g = generator_, request, inputs] { g->runExport(request, inputs); },
      Qt::QueuedConnection);
}

}  // namespace app
