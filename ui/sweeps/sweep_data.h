// A sweep as the window shows it (torch-free): its swept settings (the chart's axes), its trials
// with their values, distance and state, and the trials' run rows for the runs tree.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <limits>

#include "ui/runs/run_row.h"

namespace ui {

struct SweepAxis {
  QString key;             // training.learning_rate_d
  bool log = false;        // a log range: the axis is logarithmic
  QStringList categories;  // a list of words (bce, hinge): one tick each; empty for numbers
};

struct SweepTrial {
  QString name;  // trial-001
  QString path;  // its run folder ("" before it started)
  QString state;
  QStringList values;  // one per axis, as sweep.yaml spells them
  double fd = std::numeric_limits<double>::quiet_NaN();
  QString classes;  // "10/10" or ""
  int rank = 0;     // 1: the best; 0: no distance yet
  qint64 iterations = 0;
  double seconds = 0;
};

struct SweepData {
  QString path;
  QString name;
  QString method;
  QString budget;
  int parallel = 1;
  QVector<SweepAxis> axes;
  QVector<SweepTrial> trials;
  QString best;  // the best trial's run folder
  QString problem;
  QVector<RunRow> runs;  // the trials that have run folders, as the runs tree lists runs
};

// A trial's value on an axis as a number (categories by their index); NaN when it has none.
double axisValue(const SweepAxis& axis, const QString& text);
// A setting's key without its section ("training.learning_rate_d" -> "learning_rate_d").
QString shortKey(const QString& key);

}  // namespace ui
