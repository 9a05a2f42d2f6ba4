// The runs panel's side in the app: lists the runs of the runs folder (and folders added by hand)
// on a pool thread every few seconds while the panel is visible (hundreds of runs never hold up
// the window), and acts on the panel's requests: open a run (its curves, grids and generator,
// without training), rename, reveal, delete (asks first; to the desktop's trash), compare (the
// ticked runs' curves over the charts, their differing settings in a table).
#pragma once

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

 Q_SIGNALS:
  void runsListed(int count);
  void compared(int count);

 private:
  void listed(quint64 generation, const QVector<ui::RunRow>& rows);
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
};

}  // namespace app
