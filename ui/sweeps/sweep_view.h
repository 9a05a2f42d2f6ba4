// A sweep as a group in the runs panel: a line on its method, budget and progress, the
// parallel-coordinates chart, and a sortable table of its trials (rank, the swept settings,
// iterations, time, distance, classes, state). Brushing the chart hides the table's other rows;
// selecting a line or a row selects the trial in both; double-clicking either opens the trial's
// run; ticking rows compares those runs on the charts. "Branch from Best" asks for a run from the
// best trial's newest checkpoint. The view only shows and asks.
#pragma once

#include <QStringList>
#include <QWidget>

#include "ui/sweeps/sweep_data.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace ui {

class ParallelCoordinates;

class SweepView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepView(QWidget* parent = nullptr);

  void setSweep(const SweepData& sweep);
  const SweepData& sweep() const { return sweep_; }
  // Ticks the rows of these runs (the panel's compared runs), without signals.
  void setCompared(const QStringList& paths);
  QStringList comparedRuns() const;
  void selectTrial(const QString& path);
  QString selectedTrial() const;  // its run folder
  ParallelCoordinates* chart() const { return chart_; }
  QTableWidget* table() const { return table_; }
  // The trials (run folders) whose rows the brushes leave in view.
  QStringList visibleTrials() const;

 Q_SIGNALS:
  void trialSelected(const QString& path);
  void openRequested(const QString& path);
  void compareChanged(const QStringList& paths);
  void branchFromBestRequested(const QString& path);

 private:
  void fillTable();
  void applyBrushes();
  int rowOfTrial(int trial) const;

  SweepData sweep_;
  QLabel* header_;
  ParallelCoordinates* chart_;
  QTableWidget* table_;
  QPushButton* open_;
  QPushButton* branch_;
  bool filling_ = false;
};

}  // namespace ui
