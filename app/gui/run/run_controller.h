// The run's lifecycle in the window: owns the training worker and its thread, turns Start, Pause,
// Step, Stop, Resume Run, live edits of the form and the health banner's actions into requests,
// feeds what the worker reports to the window's one view of a run (ui::RunView), and keeps the
// session's record of the run (run folder, configuration, grid) up to date.
//
// Every request goes to one place, the steering of the run the window follows: the worker's
// (gs::RunSteering in this process) or, while the window watches another process's run, that
// run's control folder (WatchController). Either way the same state machine applies it.
#pragma once

#include <QObject>
#include <QThread>
#include <functional>

#include "app/gui/session_state.h"
#include "model/config/config.h"
#include "model/runs/control_channel.h"
#include "ui/training/config_form.h"
#include "ui/training/training_types.h"

namespace ui {
class MainWindow;
class RunView;
}  // namespace ui

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

  // Requests to the steering of the run the window follows (see above), from this window, applied
  // together (the two learning rates of one edit take effect at one iteration).
  void steer(std::vector<gs::ControlRequest> requests);
  // While the window watches a run that another process trains (WatchController): requests go to
  // `sendRequest` instead of the worker, and live edits start from `resolved` (the watched run's
  // configuration).
  void beginSteering(const gs::RunConfig& resolved,
                     std::function<void(const gs::ControlRequest&)> sendRequest);
  void endSteering();
  // The steered run's configuration changed (by this window or another sender).
  void steeredSettingsChanged(const gs::RunConfig& resolved) { current_ = resolved; }
  bool steering() const { return static_cast<bool>(sendRequest_); }

  // Where runs go when the form leaves the run folder empty.
  static QString defaultRunsFolder();

 private:
  template <typename F>
  void onWorker(F function);
  void connectWorker();
  void runStarted(const RunInfo& info);
  void liveEdited(const ui::FormValues& changes);
  void healthAction(ui::HealthAction action);
  // Sets the live settings of the run the window follows to those of `wanted`, key by key.
  void steerTo(const gs::RunConfig& wanted);

  ui::MainWindow* window_;
  ui::RunView* view_;
  ConfigController* config_;
  SessionState* session_;
  QThread thread_;
  TrainingWorker* worker_;
  bool shutDown_ = false;
  QString pendingBranch_;  // RUN@ITERATION for the next Start, after "Branch from Here"
  // The followed run's configuration as the window last asked for it (live edits start from it).
  gs::RunConfig current_;
  std::function<void(const gs::ControlRequest&)> sendRequest_;  // set while watching
};

}  // namespace app
