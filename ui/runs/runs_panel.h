// The runs panel: the runs in the runs folder (and folders added by hand) as a family tree
// (branches under their parents) with their start, preset, data, iterations, state, newest
// quality, checkpoints kept and size. Open, rename, reveal and delete act on the selected run;
// ticking 2 to 8 runs compares them (their curves overlay the charts, the settings that differ
// show below). The panel only shows and asks: the app reads the folders and acts.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace ui {

struct RunRow {
  QString path;
  QString name;
  QString started;
  QString preset;
  QString data;
  QStringList classNames;  // the data set's classes by name (the data cell's tooltip)
  qint64 done = 0;
  qint64 planned = 0;
  QString state;
  QString quality;      // "FD 12.3 · 10/10" or ""
  QString checkpoints;  // "4, 8, 12"
  qint64 bytes = 0;
  QString parent;  // the parent run's path ("" for a root)
  qint64 parentIteration = 0;
  QString problem;
};

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMaxCompared = 8;

  explicit RunsPanel(QWidget* parent = nullptr);

  // Replaces the list, keeping the selection and the ticks of runs that are still there.
  void setRuns(const QVector<RunRow>& runs);
  int runCount() const;
  QStringList comparedRuns() const;
  void setCompared(const QStringList& paths);
  QString selectedRun() const;
  void selectRun(const QString& path);
  // The settings that differ between the compared runs: (key, one value per run).
  void setDifferences(const QStringList& runNames,
                      const QVector<QPair<QString, QStringList>>& rows);
  QTreeWidget* tree() const { return tree_; }
  // How compared curves line up: by iteration (false) or by training time (true).
  bool alignByTime() const;
  void setAlignByTime(bool byTime);

 Q_SIGNALS:
  void openRequested(const QString& path);
  void renameRequested(const QString& path, const QString& name);
  void revealRequested(const QString& path);
  void deleteRequested(const QString& path);
  void addFolderRequested();
  void compareChanged(const QStringList& paths);
  void alignByTimeChanged(bool byTime);

 private:
  void updateButtons();

  QTreeWidget* tree_;
  QTableWidget* differences_;
  QLabel* compareNote_;
  QComboBox* align_;
  QWidget* openButton_;
  QWidget* renameButton_;
  QWidget* revealButton_;
  QWidget* deleteButton_;
  bool filling_ = false;
};

QString humanBytes(qint64 bytes);

}  // namespace ui
