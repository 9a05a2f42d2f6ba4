// Connects the window to the training worker: owns the worker's thread, turns the form into a run
// configuration, opens and saves configuration files, and remembers the last configuration.
#pragma once

#include <QObject>
#include <QThread>

#include "model/config.h"
#include "ui/config_form.h"

namespace ui {
class MainWindow;
}

namespace app {

class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(ui::MainWindow* window, QObject* parent = nullptr);
  ~TrainingController() override;

  TrainingWorker* worker() const { return worker_; }
  QThread* workerThread() { return &thread_; }

  // The configuration the form describes; false (and a message) when a field is invalid.
  bool currentConfig(gs::RunConfig* config, QString* error) const;

  void start();
  void resumeRun(const QString& path);
  bool openConfig(const QString& path);
  bool saveConfig(const QString& path);
  // Stops training (saving a checkpoint when asked) and ends the worker thread; idempotent.
  void shutdown(bool saveCheckpoint);

  // Where runs go when the form leaves the run folder empty.
  static QString defaultRunsFolder();

 private:
  template <typename F>
  void onWorker(F function);
  void rememberConfig();
  void restoreLastConfig();

  ui::MainWindow* window_;
  QThread thread_;
  TrainingWorker* worker_;
  bool shutDown_ = false;
};

}  // namespace app
