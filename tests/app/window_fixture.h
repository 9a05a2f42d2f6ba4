// A real window with its controller, worker thread and generator thread, for the GUI tests: tiny
// models train on the embedded digits (no stand-ins for the trainer).
#pragma once

#include <QString>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>
#include <utility>

#include "app/gui/window_controller.h"
#include "ui/export/export_dialog.h"
#include "ui/window/main_window.h"

namespace testing_gui {

// A compact model with 16/8/4 channels, batch 8, sample grids every 5 iterations; %1 = run folder.
extern const char* const kTinyConfig;
// The seed preset with 4/8 channels, batch 8, checkpoints every 5 iterations.
extern const char* const kTinySeedConfig;
// The seed preset with its real widths (slow: for measurements the notes report).
extern const char* const kSeedConfig;

// Answers the next modal message box as a person would, by clicking the button named
// `buttonText`. It looks from the event loop (a test waiting in exec() keeps it turning), and a box
// without that button is closed instead of left open until ctest's timeout: the test then fails on
// answered().
class DialogAnswerer : public QObject {
 public:
  explicit DialogAnswerer(QString buttonText);
  bool answered() const { return answered_; }
  QString problem() const { return problem_; }

 private:
  void look();

  QString buttonText_;
  QTimer timer_;
  bool answered_ = false;
  QString problem_ = QStringLiteral("no dialog appeared");
};

class WindowFixture {
 public:
  WindowFixture();
  ~WindowFixture();

  QString path(const QString& name) const { return dir_.filePath(name); }
  // Opens a fresh window whose form holds `configText` (with %1 replaced by `runFolder`).
  void open(const QString& runFolder, const char* configText = kTinyConfig);
  void close();
  bool startAndWaitFor(int points);
  // Opens a window on `run`, trains until `points` are plotted and `grids` sample grids are on
  // disk, stops, and waits until the finished run's generator is in the explorer.
  bool trainAndStop(const QString& run, int points, int grids = 0);
  // Runs one export through the controller; (succeeded, message).
  std::pair<bool, QString> exportNow(const ui::ExportRequest& request);

  ui::MainWindow* window() const { return window_.get(); }
  app::WindowController* controller() const { return controller_.get(); }
  qint64 workerIteration() const;
  // Asks the worker for the generator's weights now and waits until the explorer's generator
  // uses them (after a pause: what the explorer draws comes from the paused weights).
  bool waitForFreshWeights();
  // Waits until RUN/control/status says `iteration`, then for the trainer to rewrite it with the
  // same state and iteration: proof that its steering went round again (a paused trainer
  // rewrites it every 2 s) and did not train meanwhile. False when it moved on or never came.
  static bool statusHoldsThrough(const QString& run, qint64 iteration);
  std::pair<double, double> learningRates() const;
  void writeFile(const QString& name, const QByteArray& content) const;

 private:
  QTemporaryDir dir_;
  std::unique_ptr<ui::MainWindow> window_;
  std::unique_ptr<app::WindowController> controller_;
};

}  // namespace testing_gui
