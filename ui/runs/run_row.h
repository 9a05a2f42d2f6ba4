// One run as the runs panel lists it (torch-free): what the app read from its folder.
#pragma once

#include <QString>
#include <QStringList>

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
  QString note;  // a person's note on the run (Markdown)
  QString problem;
};

}  // namespace ui
