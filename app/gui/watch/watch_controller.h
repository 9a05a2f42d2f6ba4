// File → Watch Run Folder…: the window follows a run that another process trains
// (`ganstudio-cli train`, on this machine or on another one through sshfs or NFS) without training
// itself, and steers it through the run's control folder (model/runs/control_channel.h).
//
// Every poll (1 s by default; QSettings "watch/pollSeconds", 0.25 to 10) it reads what the trainer
// appended to metrics.csv (model/runs/file_tail.h: from the last offset, a half-written line kept
// back, a replaced or shortened file read again), changes.csv, quality.csv and health.csv, the
// newest sample grid and checkpoint marks, and the trainer's status; every 5 s it asks the trainer
// for the generator's weights, which the explorer then uses. It never writes into the run folder
// but through control requests. The status line says "watching · last update N s ago", and warns
// when nothing has changed for a while.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <optional>

#include "model/runs/control_channel.h"
#include "model/runs/file_tail.h"
#include "model/runs/run_directory.h"

namespace ui {
class MainWindow;
class RunView;
}  // namespace ui

namespace app {

class ExplorerController;
class RunController;
struct SessionState;

class WatchController : public QObject {
  Q_OBJECT

 public:
  WatchController(ui::MainWindow* window, SessionState* session, RunController* run,
                  ExplorerController* explorer, QObject* parent = nullptr);
  ~WatchController() override;

  // Starts following `runFolder` (refused, with a message, while the window trains or when the
  // folder is not a run). Returns whether it watches.
  bool watch(const QString& runFolder);
  void stopWatching();
  bool watching() const { return !folder_.isEmpty(); }
  QString folder() const { return folder_; }
  // Reads what changed now (the timer does this every poll interval).
  void pollNow();
  // Seconds since anything changed in the watched folder, by this machine's clock.
  double secondsSinceUpdate() const;
  static double pollSeconds();

 Q_SIGNALS:
  // After each poll that found something new (tests wait on it).
  void updated();
  // The trainer acknowledged a request ("control.pause" ...) or applied a setting.
  void acknowledged(const QString& key, const QString& value);

 private:
  void reset();
  void readMetrics();
  void readRows();
  void readGrids();
  void readStatus();
  void askForSnapshot();
  void readSnapshot();
  void steer(const gs::ControlRequest& request);
  void showWatchingLine();
  QString path(const char* name) const;

  ui::MainWindow* window_;
  ui::RunView* view_;
  SessionState* session_;
  RunController* run_;
  ExplorerController* explorer_;
  QTimer timer_;
  QTimer snapshotTimer_;
  QString folder_;
  std::unique_ptr<gs::FileTail> metrics_;
  std::string metricsHeader_;
  gs::TrainingClock clock_;  // the rows' time_s to training time
  qint64 metricRows_ = 0;
  qint64 lastRateIteration_ = 0;
  double lastRateSeconds_ = 0;
  double rate_ = 0;  // iterations per second, smoothed
  qint64 changesShown_ = 0;
  qint64 qualityShown_ = 0;
  qint64 healthShown_ = 0;
  qint64 scoresShown_ = 0;
  qint64 newestGrid_ = -1;
  qint64 rowsFileSizes_[4] = {-1, -1, -1, -1};
  QDateTime snapshotTime_;
  std::optional<gs::TrainerStatus> status_;
  QDateTime lastChange_;  // local clock
  bool warned_ = false;
};

}  // namespace app
