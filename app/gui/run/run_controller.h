// The run's lifecycle in the window: owns the training worker and its thread, turns Start, Pause,
// Step, Stop, Resume Run and live edits of the form into requests to the worker, and keeps the
// session's record of the run (run folder, configuration, grid) up to date.
#pragma once

#include <QObject>
#include <QThread>
#include <functional>

#include "app/gui/session_state.h"
#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/runs/control_channel.h"
#include "ui/training/config_form.h"
#include "ui/training/training_types.h"

namespace ui {
class MainWindow;
}

namespace app {

class ConfigController;
class TrainingWorker;
struct RunInfo;

class RunController : public QObject {
  Q_OBJECT

 public:
  RunController(ui::MainWindow* window, ConfigController* config, SessionState* session,
                QObject* parent = nullptr);
  ~RunController() override;

  TrainingWorker* worker() const { return worker_; }
  QThread* workerThread() { return &thread_; }

  void start();
  void resumeRun(const QString& path);
  // "Branch from Here": fills the form with that checkpoint's settings; the next Start makes the
  // branch (a new folder; the parent is never written).
  void prepareBranch(const QString& runFolder, qint64 checkpointIteration);
  QString pendingBranch() const { return pendingBranch_; }
  // Asks the worker for the generator's newest weights (exports of samples wait for them).
  void requestSnapshot();
  // Stops training (saving a checkpoint when asked) and ends the worker thread; idempotent.
  void shutdown(bool saveCheckpoint);

  // While the window watches a run that another process trains (WatchController): Pause,
  // Resume, Step, Stop and live edits of the form become `steer`'s requests instead of the
  // worker's, from the live settings of `resolved` (the watched run's configuration).
  void beginSteering(const gs::RunConfig& resolved,
                     std::function<void(const gs::ControlRequest&)> steer);
  void endSteering();
  // The steered run's live settings changed (by this window or another sender).
  void steeredSettingsChanged(const gs::LiveSettings& live) { live_ = live; }
  bool steering() const { return static_cast<bool>(steer_); }

  // Where runs go when the form leaves the run folder empty.
  static QString defaultRunsFolder();

 private:
  template <typename F>
  void onWorker(F function);
  void runStarted(const RunInfo& info);
  void liveEdited(const ui::FormValues& changes);
  void healthAction(ui::HealthAction action);

  ui::MainWindow* window_;
  ConfigController* config_;
  SessionState* session_;
  QThread thread_;
  TrainingWorker* worker_;
  bool shutDown_ = false;
  QString pendingBranch_;  // RUN@ITERATION for the next Start, after "Branch from Here"
  // The running run's live settings as the window last asked for them, and what an emptied field
  // stands for (its preset's defaults).
  gs::LiveSettings live_;
  gs::LiveSettings liveDefaults_;
  std::function<void(const gs::ControlRequest&)> steer_;
};

}  // namespace app
