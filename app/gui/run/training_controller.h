// Connects the window to the training worker: owns the worker's thread, turns the form into a run
// configuration, opens and saves configuration files, and remembers the last configuration.
#pragma once

#include <QObject>
#include <QThread>

#include "model/config/config.h"
#include "ui/training/config_form.h"
#include "ui/export/export_dialog.h"

namespace ui {
class MainWindow;
}

namespace app {

class GeneratorService;
class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(ui::MainWindow* window, QObject* parent = nullptr);
  ~TrainingController() override;

  TrainingWorker* worker() const { return worker_; }
  QThread* workerThread() { return &thread_; }
  GeneratorService* generator() const { return generator_; }

  // The configuration the form describes; false (and a message) when a field is invalid.
  bool currentConfig(gs::RunConfig* config, QString* error) const;

  void start();
  void resumeRun(const QString& path);
  bool openConfig(const QString& path);
  bool saveConfig(const QString& path);
  // Explores (and exports from) a checkpoint without training.
  void openCheckpoint(const QString& path);
  // File -> Export...: asks what and where, then exports on the generator's thread.
  void exportWithDialog();
  // Runs one export (what the dialog's answer leads to); the result comes as a message.
  void startExport(const ui::ExportRequest& request);
  // The run folder exports and the GIF read from ("" before any run).
  QString runFolder() const { return runFolder_; }
  // The latent vector behind grid cell `index` (empty when there is none).
  QVector<float> gridLatent(int index) const;
  // Stops training (saving a checkpoint when asked) and ends the worker thread; idempotent.
  void shutdown(bool saveCheckpoint);

  // Where runs go when the form leaves the run folder empty.
  static QString defaultRunsFolder();

 Q_SIGNALS:
  void checkpointOpened(const QString& path);
  void exportFinished(bool ok, const QString& message);

 private:
  template <typename F>
  void onWorker(F function);
  void rememberConfig();
  void restoreLastConfig();

  void connectExplorer();
  void runExportNow(const ui::ExportRequest& request);
  void showCellInExplorer(int index);

  ui::MainWindow* window_;
  QThread thread_;
  TrainingWorker* worker_;
  QThread generatorThread_;
  GeneratorService* generator_;
  bool shutDown_ = false;
  QVector<float> gridLatents_;
  int gridNoiseDim_ = 0;
  QString runFolder_;
  QString runConfigYaml_;
  QList<ui::ExportRequest> waitingForWeights_;  // sample exports wait for the newest weights
};

}  // namespace app
