// The one view of a run: what the window shows of the run it follows, whoever feeds it (the
// training worker for the window's own runs, the watcher for a run another process trains, a run
// folder opened from the runs panel). The main window implements it; controllers talk to it and
// never to the panels behind it, so that resetting, routing a measurement to its chart and status
// line, or a warning to its marker and banner, happen in one place.
#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include "ui/training/config_form.h"
#include "ui/training/training_types.h"

namespace ui {

class RunView {
 public:
  virtual ~RunView() = default;

  // A different run from now on (started, resumed, branched, watched, opened): the curves, the
  // grid and its history, quality, warnings and markers of the one before go.
  virtual void resetRun() = 0;
  // Who trains it and what: the status line's device and the networks ("" keeps what is shown).
  virtual void showTrainer(const QString& device, const QString& model) = 0;
  // The names of the data set's classes (in label order; empty: none): the rows of a
  // `conditional` run's grid and the quality meter's samples per class go by them.
  virtual void showClassNames(const QStringList& names, bool conditional) = 0;
  virtual void setTrainingState(TrainingState state, const QString& message = {}) = 0;
  // A run opened from its folder, which nothing trains here: the state its folder records, how far
  // it got and its networks, in every status field (the window itself is idle).
  virtual void showOpenedRun(TrainingState state, const Progress& progress,
                             const QString& model) = 0;
  virtual void setProgress(const Progress& progress) = 0;
  // The data set's files that could not be read (each "file: reason"), with how many images the
  // run trains on: said where the person looks, not only in a log.
  virtual void showSkippedFiles(qint64 used, const QStringList& skipped) = 0;

  virtual void appendMetrics(const QVector<MetricPoint>& points) = 0;
  // Settings changed while the run trained: marked on the charts, and the form shows the values.
  virtual void addLiveChange(const LiveChange& change) = 0;
  virtual void appendQuality(const QualityPoint& point) = 0;
  // D's outputs measured with a grid: a point on the score chart, and D's verdict on the grid
  // shown when it is that iteration's (View → D's Verdict on the Grid).
  virtual void appendScores(const ScorePoint& point) = 0;
  // D's verdict on the cells of the grid of `iteration` (shown when that grid is).
  virtual void showGridVerdicts(qint64 iteration, const QVector<float>& verdicts) = 0;
  // A health warning: marked on the charts; `announce`: also in the banner with its action (a
  // warning raised now, rather than one read from the run's history).
  virtual void addHealthNotice(const HealthNotice& notice, bool announce) = 0;

  // The newest grid (cells without gaps, `columns` a row; -1: not of an iteration): shown unless
  // the person looks at an older one in the history.
  virtual void showGrid(const QImage& grid, int columns, qint64 iteration) = 0;
  // A grid that is no iteration's (an opened checkpoint's), with a caption saying whose.
  virtual void showOpenedGrid(const QImage& grid, int columns, const QString& caption) = 0;
  // A grid from the run's history (the scrubber) with a cursor at its iteration on the charts; an
  // iteration of -1 goes back to following the newest grid, `grid`.
  virtual void showHistoryGrid(const QImage& grid, int columns, qint64 iteration) = 0;
  // The grids and checkpoints in the run folder (the history scrubber), and one more of each.
  virtual void setHistory(const QVector<qint64>& grids, const QVector<qint64>& checkpoints) = 0;
  virtual void addGridToHistory(qint64 iteration) = 0;
  virtual void setCheckpoints(const QVector<qint64>& checkpoints) = 0;

  // The run's settings in the form (a resumed, branched or watched run's), and one of them.
  virtual void showSettings(const FormValues& values) = 0;
  virtual void showSetting(const QString& key, const QString& value) = 0;
  // The run's note (its notes.md; "" for none): the runs panel's note pane shows it with the run
  // selected, and the status line its first line.
  virtual void showNote(const QString& runFolder, const QString& note) = 0;
};

}  // namespace ui
