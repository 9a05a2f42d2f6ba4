// Scenes the README's screenshots of the explorer's insides are taken of (ganstudio
// --screenshot-look, --screenshot-project): what a person would do, done by timers before the
// screenshot, so the pictures show the real window at work.
#pragma once

class QWidget;

namespace ui {
class MainWindow;
}

namespace app {

class WindowController;

// A grid cell in the explorer with "Where D looks" on and G's layers shown, `leadMs` before the
// screenshot.
void stageLookInside(ui::MainWindow& window, int leadMs);
// A digit drawn on the pad and projected, `leadMs` before the screenshot.
void stageProjection(ui::MainWindow& window, int leadMs);

}  // namespace app
