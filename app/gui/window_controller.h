// The window's controllers, by concern, and the session data they share: configuration files
// (ConfigController), the run's lifecycle and its worker thread (RunController), the latent
// explorer and its generator thread (ExplorerController), exports (ExportController), runs and
// sweeps (RunsController, SweepController). main.cpp
// and the GUI tests make one of these for a window.
#pragma once

#include <QObject>
#include <memory>

#include "app/gui/session_state.h"

namespace ui {
class MainWindow;
}

namespace app {

class ConfigController;
class ExplorerController;
class ExportController;
class GeneratorService;
class HistoryController;
class RunsController;
class RunController;
class SweepController;
class TrainingWorker;
class WatchController;

class WindowController : public QObject {
  Q_OBJECT

 public:
  explicit WindowController(ui::MainWindow* window, QObject* parent = nullptr);
  ~WindowController() override;

  ConfigController* config() const { return config_; }
  RunController* run() const { return run_; }
  ExplorerController* explorer() const { return explorer_; }
  ExportController* exporter() const { return export_; }
  HistoryController* history() const { return history_; }
  RunsController* runs() const { return runs_; }
  WatchController* watch() const { return watch_; }
  SweepController* sweeps() const { return sweeps_; }
  const SessionState& session() const { return session_; }

  TrainingWorker* worker() const;
  GeneratorService* generator() const;
  // Stops training (saving a checkpoint when asked) and ends both threads; idempotent.
  void shutdown(bool saveCheckpoint);
  // The theme and the docks' layout of the last session (main.cpp; tests start from defaults).
  static void restoreSession(ui::MainWindow* window);

 private:
  SessionState session_;
  ConfigController* config_;
  RunController* run_;
  ExplorerController* explorer_;
  ExportController* export_;
  HistoryController* history_;
  RunsController* runs_;
  WatchController* watch_;
  SweepController* sweeps_;
};

}  // namespace app
