// File -> Export in the window: asks what and where (ExportDialog), gathers what the export needs
// from the session's data (grid, explorer picture, run folder, configuration) and runs it on the
// generator's thread; samples and latent walks wait for the training run's newest weights first.
// Videos show their progress in a non-modal dialog whose Cancel stops them, writing nothing.
#pragma once

#include <QList>
#include <QObject>

#include "app/gui/session_state.h"
#include "ui/export/export_dialog.h"

class QProgressDialog;

namespace ui {
class LatentExplorerPanel;
class MainWindow;
}  // namespace ui

namespace app {

class ConfigController;
class GeneratorService;
class RunController;

class ExportController : public QObject {
  Q_OBJECT

 public:
  ExportController(ui::MainWindow* window, const SessionState* session, GeneratorService* generator,
                   RunController* run, ConfigController* config, QObject* parent = nullptr);

  // File -> Export...: asks what and where, then exports.
  void exportWithDialog();
  // Runs one export (what the dialog's answer leads to); the result comes as exportFinished.
  void startExport(const ui::ExportRequest& request);

 Q_SIGNALS:
  void exportFinished(bool ok, const QString& message);

 private:
  void runExportNow(const ui::ExportRequest& request);
  void openProgress();
  void showProgress(int done, int total);
  void closeProgress();

  ui::MainWindow* window_;
  const SessionState* session_;
  GeneratorService* generator_;
  RunController* run_;
  ConfigController* config_;
  ui::LatentExplorerPanel* explorer_;
  QList<ui::ExportRequest> waitingForWeights_;  // sample exports wait for the newest weights
  QString lastPath_;                            // of the newest export (for "Show in Folder")
  QProgressDialog* progress_ = nullptr;         // a video's, while it is written
  bool cancelled_ = false;                      // the person cancelled the video being written
};

}  // namespace app
