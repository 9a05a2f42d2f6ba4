// The runs panel's side in the app: lists the runs of the runs folder (and folders added by hand)
// on a pool thread every few seconds while the panel is visible (hundreds of runs never hold up
// the window), and acts on the panel's requests: open a run (its curves, grids and generator,
// without training), rename, reveal, delete (asks first; to the desktop's trash), compare (the
// ticked runs' curves over the charts, their differing settings in a table). Sweep folders among
// them show as groups (their trials and the sweep's chart and table); "Branch from Best" asks for a
// branch from the best trial's newest checkpoint. Saves the notes typed in the panel.
#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVector>

#include "ui/runs/runs_panel.h"

namespace ui {
class MainWindow;
class PlotsPanel;
class RunView;
}  // namespace ui

namespace app {

class ExplorerController;

class RunsController : public QObject {
  Q_OBJECT

 public:
  RunsController(ui::MainWindow* window, ExplorerController* explorer, QObject* parent = nullptr);
  ~RunsController() override;

  QStringList folders() const { return folders_; }
  void addFolder(const QString& folder);
  // Lists the runs now (on the pool thread); runsListed comes when done.
  void refresh();
  // Open, compare: the same as the panel's buttons (tests call them).
  void openRun(const QString& path);
  void compare(const QStringList& paths);
  // Lists the sweep in `folder` (adding the folder when its parent is not listed) and makes it the
  // panel's current sweep once listed.
  void showSweep(const QString& folder);
  // Writes the runs of the listed folders as CSV to `path` (atomically); false with the reason in
  // `problem` when it cannot.
  bool exportTable(const QString& path, QString* problem);
  // "Branch from Best": asks for a branch from the run's newest checkpoint (branchRequested).
  void branchFrom(const QString& runPath);
  // Saves a run's note (the panel's note pane): at once when nothing trains the run, else through
  // its trainer (gs::save_run_note); noteSaved says how it went.
  void saveNote(const QString& path, const QString& note);

 Q_SIGNALS:
  void runsListed(int count);
  void compared(int count);
  void branchRequested(const QString& runPath, qint64 checkpointIteration);
  void noteSaved(const QString& path, bool ok, const QString& message);

 private:
  static constexpr int kNoteAnswerMs = 10000;
  struct PendingNote {
    QString path;
    QString request;  // the request file sent to the run's trainer
    QDeadlineTimer deadline;
  };
  void collectNoteAnswers();
  void listed(quint64 generation, const QVector<ui::RunRow>& rows,
              const QVector<ui::SweepData>& sweeps);
  void rename(const QString& path, const QString& name);
  void remove(const QString& path);

  ui::MainWindow* window_;
  ui::RunView* view_;
  ui::RunsPanel* panel_;
  ui::PlotsPanel* plots_;  // compared runs' curves over the charts
  ExplorerController* explorer_;
  QStringList folders_;
  QTimer timer_;
  quint64 generation_ = 0;
  bool listing_ = false;
  QString pendingSweep_;  // a sweep to make current once it is listed
  QVector<PendingNote> pendingNotes_;
  QTimer noteTimer_;
};

}  // namespace app
