// The runs panel: the runs in the runs folder (and folders added by hand) as a family tree
// (branches under their parents) with their start, preset, data, iterations, state, newest
// quality, checkpoints kept and size. Open, rename, reveal and delete act on the selected run;
// ticking 2 to 8 runs compares them (their curves overlay the charts, the settings that differ
// show below). Beside them, the selected run's note (Markdown), saved as it is typed. A filter
// above the list keeps the runs whose name, preset, data, state or note hold every word typed. A
// sweep shows as a group: its trials under one item, and while any of them is current, the sweep's
// view (the parallel-coordinates chart and the trials' table) below the tree. The panel only shows
// and asks: the app reads the folders and acts.
#pragma once

#include <QHash>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "ui/runs/run_row.h"
#include "ui/sweeps/sweep_data.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace ui {

class SweepView;

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMaxCompared = 8;

  explicit RunsPanel(QWidget* parent = nullptr);

  // Replaces the list, keeping the selection and the ticks of runs that are still there.
  // Sweeps come as groups: their trials' rows under one item each.
  void setRuns(const QVector<RunRow>& runs, const QVector<SweepData>& sweeps = {});
  int runCount() const;
  QStringList comparedRuns() const;
  void setCompared(const QStringList& paths);
  QString selectedRun() const;
  void selectRun(const QString& path);
  // The settings that differ between the compared runs: (key, one value per run).
  void setDifferences(const QStringList& runNames,
                      const QVector<QPair<QString, QStringList>>& rows);
  QTreeWidget* tree() const { return tree_; }
  SweepView* sweepView() const { return sweepView_; }
  // Makes the sweep in `path` current (its group item), which shows its view.
  void selectSweep(const QString& path);
  QString currentSweep() const;  // the sweep whose view shows ("" for none)
  // How compared curves line up: by iteration (false) or by training time (true).
  bool alignByTime() const;
  void setAlignByTime(bool byTime);

  // The filter: runs whose name, preset, data, state or note hold every word (any case) show;
  // their parents and sweeps show with them.
  void setFilter(const QString& text);
  QString filter() const;
  bool isRunShown(const QString& path) const;
  QLineEdit* filterEdit() const { return filter_; }

  // The notes pane: the selected run's note, editable. Typing saves after a pause (noteEdited);
  // so does choosing another run.
  QPlainTextEdit* noteEditor() const { return note_; }
  QString noteRun() const { return noteRun_; }  // whose note the pane holds ("" for none)
  // Sends the pane's unsaved text now (noteEdited), if any.
  void flushNote();
  // What became of a save: "Saved", or why not (shown under the note).
  void showNoteSaved(const QString& path, bool ok, const QString& message);
  // A run's note as it is now (read from its folder or saved): the pane follows it unless the
  // person is editing that note.
  void setNote(const QString& path, const QString& note);

 Q_SIGNALS:
  void openRequested(const QString& path);
  void renameRequested(const QString& path, const QString& name);
  void revealRequested(const QString& path);
  void deleteRequested(const QString& path);
  void addFolderRequested();
  void compareChanged(const QStringList& paths);
  void alignByTimeChanged(bool byTime);
  void branchFromBestRequested(const QString& trialPath);
  void newSweepRequested();
  // "Export Table…": the runs listed, as CSV (settings, quality, state).
  void exportTableRequested();
  // The note of the run in `path` was edited: save it.
  void noteEdited(const QString& path, const QString& note);

 private:
  void updateButtons();
  void applyFilter();
  void showNoteOf(const QString& path);
  // Shows the sweep `item` belongs to (hides the view for a plain run); `fresh`: its data changed.
  void showSweepOf(QTreeWidgetItem* item, bool fresh = false);

  QTreeWidget* tree_;
  QTableWidget* differences_;
  SweepView* sweepView_;
  QVector<SweepData> sweeps_;
  QLabel* compareNote_;
  QComboBox* align_;
  QWidget* openButton_;
  QWidget* renameButton_;
  QWidget* revealButton_;
  QWidget* deleteButton_;
  QLineEdit* filter_;
  QPlainTextEdit* note_;
  QLabel* noteTitle_;
  QLabel* noteStatus_;
  QTimer* noteTimer_;
  QString noteRun_;
  bool noteDirty_ = false;
  bool loadingNote_ = false;
  QHash<QString, QString> notes_;       // path -> note, as listed or saved
  QHash<QString, QString> searchText_;  // path -> name, preset, data, state (lower case)
  bool filling_ = false;
};

QString humanBytes(qint64 bytes);

}  // namespace ui
