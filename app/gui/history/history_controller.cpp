#include "app/gui/history/history_controller.h"

#include <QFileInfo>
#include <cstring>
#include <vector>

#include "app/gui/conversions.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/run/training_worker.h"
#include "app/gui/session_state.h"
#include "model/core/grid.h"
#include "model/runs/run_directory.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"

namespace app {

namespace {
constexpr int kGap = 2;  // write_sample_grid's gap, before magnification
}  // namespace

HistoryController::HistoryController(ui::MainWindow* window, SessionState* session,
                                     TrainingWorker* worker, ExplorerController* explorer,
                                     QObject* parent)
    : QObject(parent),
      window_(window),
      view_(window),
      history_(window->history()),
      session_(session) {
  ui::HistoryScrubber* history = history_;
  connect(worker, &TrainingWorker::runStarted, this,
          [this](const RunInfo& info) { loadHistory(info.runPath); });
  // Grids the run wrote to its folder (the one shown when a run starts is not a file).
  connect(worker, &TrainingWorker::samplesReady, this,
          [this](const gs::ImageBatch&, qint64 iteration) {
            if (QFileInfo::exists(sampleFile(iteration))) view_->addGridToHistory(iteration);
          });
  // A checkpoint written may have pruned older ones: the marks show what the folder holds.
  connect(worker, &TrainingWorker::checkpointWritten, this,
          [this] { view_->setCheckpoints(checkpointsIn(session_->runFolder)); });
  connect(explorer, &ExplorerController::checkpointOpened, this,
          [this] { loadHistory(session_->runFolder); });
  connect(history, &ui::HistoryScrubber::iterationChosen, this, &HistoryController::show);
  connect(history, &ui::HistoryScrubber::followingChanged, this, [this](bool following) {
    if (following)
      view_->showHistoryGrid(toGridImage(session_->grid, gs::kGridColumns), gs::kGridColumns, -1);
  });
}

void HistoryController::loadHistory(const QString& runFolder) {
  QVector<qint64> grids;
  if (!runFolder.isEmpty()) {
    for (const auto& [iteration, path] : gs::RunDirectory::sample_grids(runFolder.toStdString()))
      grids.append(iteration);
  }
  view_->setHistory(grids, checkpointsIn(runFolder));
}

QVector<qint64> HistoryController::checkpointsIn(const QString& runFolder) {
  QVector<qint64> checkpoints;
  if (runFolder.isEmpty()) return checkpoints;
  for (const auto& [iteration, path] :
       gs::RunDirectory::numbered_checkpoints(runFolder.toStdString()))
    checkpoints.append(iteration);
  return checkpoints;
}

QImage HistoryController::gridFromSampleFile(const QString& path, int columns, int side) {
  const QImage read(path);
  if (read.isNull()) return {};
  // A colour run's grids stay in colour; a gray file comes back as Grayscale8.
  const bool colour = !read.allGray();
  const QImage png =
      read.convertToFormat(colour ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
  // The cells' side: the one asked for, or the image size whose grid fits the file's width.
  int scale = 0;
  for (const int candidate : side > 0 ? std::vector<int>{side} : std::vector<int>{28, 32, 64}) {
    const int unscaled = columns * (candidate + kGap) + kGap;
    if (png.width() % unscaled == 0) {
      side = candidate;
      scale = png.width() / unscaled;
      break;
    }
  }
  if (scale == 0) return {};
  const int rows = (png.height() / scale - kGap) / (side + kGap);
  if (rows <= 0) return {};
  const int bytes = colour ? 3 : 1;
  QImage grid(columns * side, rows * side, png.format());
  for (int y = 0; y < grid.height(); ++y) {
    const int row = y / side;
    const int sy = ((kGap + row * (side + kGap)) + y % side) * scale;
    const uchar* from = png.constScanLine(sy);
    uchar* to = grid.scanLine(y);
    for (int x = 0; x < grid.width(); ++x) {
      const int column = x / side;
      const int sx = ((kGap + column * (side + kGap)) + x % side) * scale;
      std::memcpy(to + static_cast<std::ptrdiff_t>(x) * bytes,
                  from + static_cast<std::ptrdiff_t>(sx) * bytes, bytes);
    }
  }
  return grid;
}

QString HistoryController::sampleFile(qint64 iteration) const {
  return QString::fromStdString(
      gs::RunDirectory::sample_file(session_->runFolder.toStdString(), iteration));
}

void HistoryController::show(qint64 iteration) {
  if (history_->following()) return;  // the live grid is shown as it comes
  const QImage grid = gridFromSampleFile(sampleFile(iteration), gs::kGridColumns);
  if (grid.isNull()) {
    window_->showMessage(tr("The grid of iteration %1 is not in the run folder").arg(iteration),
                         5000);
    return;
  }
  view_->showHistoryGrid(grid, gs::kGridColumns, iteration);
}

}  // namespace app
