#include "app/gui/screenshot_scenes.h"

#include <QAction>
#include <QPointF>
#include <QTimer>
#include <QVector>
#include <algorithm>

#include "ui/explorer/drawing_pad.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/explorer/projection_pad.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/window/main_window.h"

namespace app {

namespace {

// A hand-drawn 3 in the pad's 28-pixel coordinates (two bowls).
QVector<QPointF> aThree() {
  return {{8.5, 7.5}, {11, 5.5},  {15, 5},      {18.5, 6.5}, {19, 9.5},  {17, 12.5}, {13.5, 14},
          {17.5, 15}, {19.5, 18}, {18.5, 21.5}, {15, 23},    {11, 22.5}, {8, 20.5}};
}

}  // namespace

void stageLookInside(ui::MainWindow& window, int leadMs) {
  QTimer::singleShot(std::max(0, leadMs), &window, [&window] {
    ui::LatentExplorerPanel* explorer = window.explorer();
    window.grid()->setSelectedCell(12);
    Q_EMIT window.grid()->cellClicked(12);
    explorer->showPage(ui::LatentExplorerPanel::Page::Layers);
    explorer->setShowSaliency(true);
  });
}

void stageProjection(ui::MainWindow& window, int leadMs) {
  QTimer::singleShot(std::max(0, leadMs), &window, [&window] {
    // Paused first, as a person would to study one generator: the preview then stays the
    // projection's image (while training goes on, it follows G's newest weights).
    if (window.trainingState() == ui::TrainingState::Running) window.pauseResumeAction()->trigger();
    ui::LatentExplorerPanel* explorer = window.explorer();
    explorer->showPage(ui::LatentExplorerPanel::Page::Draw);
    ui::ProjectionPad* pad = explorer->projectionPad();
    pad->pad()->clear();
    pad->pad()->stroke(aThree());
    pad->projectTheDrawing();
  });
}

}  // namespace app
