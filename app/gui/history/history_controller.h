// The history scrubber under the sample grid (ui::HistoryScrubber): fills its timeline from the
// run folder (grids and checkpoints on disk) when a run starts, resumes or a checkpoint is opened,
// adds what the live run draws, and when the person scrubs back shows that grid from
// samples/iter_N.png with a cursor at its iteration on the charts.
#pragma once

#include <QImage>
#include <QObject>
#include <QVector>

namespace ui {
class HistoryScrubber;
class MainWindow;
class RunView;
}  // namespace ui

namespace app {

struct SessionState;
class TrainingWorker;
class ExplorerController;

class HistoryController : public QObject {
  Q_OBJECT

 public:
  HistoryController(ui::MainWindow* window, SessionState* session, TrainingWorker* worker,
                    ExplorerController* explorer, QObject* parent = nullptr);

  // The timeline of the run in `runFolder` (its grids and checkpoints on disk).
  void loadHistory(const QString& runFolder);
  // A grid as the grid view takes it (cells side by side, no gaps, 1x) from a sample PNG the run
  // wrote (gaps of 2 pixels, magnified), in colour when the file is; `side` 0: the cells' side is
  // the image size (28, 32 or 64) that fits the file's width. A null image when it is not one.
  static QImage gridFromSampleFile(const QString& path, int columns, int side = 0);

  // The numbered checkpoints the run folder holds, oldest first.
  static QVector<qint64> checkpointsIn(const QString& runFolder);

 private:
  void show(qint64 iteration);
  QString sampleFile(qint64 iteration) const;

  ui::MainWindow* window_;
  ui::RunView* view_;
  ui::HistoryScrubber* history_;
  SessionState* session_;
};

}  // namespace app
