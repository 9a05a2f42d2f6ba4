#include "app/gui/window_controller.h"

#include <QDesktopServices>
#include <QSettings>
#include <QUrl>

#include "app/gui/config/config_controller.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/export/export_controller.h"
#include "app/gui/history/history_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"
#include "app/gui/runs/runs_controller.h"
#include "app/gui/sweeps/sweep_controller.h"
#include "app/gui/watch/watch_controller.h"
#include "ui/samples/history_scrubber.h"
#include "ui/theme/theme.h"
#include "ui/window/main_window.h"

namespace app {

WindowController::WindowController(ui::MainWindow* window, QObject* parent)
    : QObject(parent),
      config_(new ConfigController(window, this)),
      run_(new RunController(window, config_, &session_, this)),
      explorer_(new ExplorerController(window, &session_, run_->worker(), this)),
      export_(new ExportController(window, &session_, explorer_->generator(), run_, config_, this)),
      history_(new HistoryController(window, &session_, run_->worker(), explorer_, this)),
      runs_(new RunsController(window, explorer_, this)),
      watch_(new WatchController(window, &session_, run_, explorer_, this)),
      sweeps_(new SweepController(window, config_, runs_, this)) {
  // The quality meter runs on the generator's thread; the run records what it measured.
  connect(worker(), &TrainingWorker::qualityRequested, generator(),
          &GeneratorService::measureQuality);
  connect(generator(), &GeneratorService::qualityMeasured, worker(),
          &TrainingWorker::recordQuality);
  connect(generator(), &GeneratorService::qualityProgress, window,
          [window](const QString& what, double fraction) {
            window->showMessage(tr("%1: %2%").arg(what).arg(qRound(100 * fraction)), 3000);
          });
  // What the window remembers between sessions, and what it asks of the desktop.
  connect(window, &ui::MainWindow::revealRequested, this,
          [](const QString& folder) { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
  connect(window, &ui::MainWindow::themeChosen, this,
          [](const QString& key) { QSettings().setValue(QStringLiteral("theme"), key); });
  connect(window, &ui::MainWindow::layoutChanged, this,
          [](const QByteArray& geometry, const QByteArray& state) {
            QSettings settings;
            settings.setValue(QStringLiteral("window/geometry"), geometry);
            settings.setValue(QStringLiteral("window/state"), state);
          });
  window->setRunsFolder(RunController::defaultRunsFolder());
  // "Branch from Here" on the history scrubber: the run's own controller prepares the branch.
  connect(window->history(), &ui::HistoryScrubber::branchRequested, run_,
          [this](qint64 iteration) { run_->prepareBranch(session_.runFolder, iteration); });
  // "Branch from Best" on a sweep: the same, from the best trial's newest checkpoint.
  connect(runs_, &RunsController::branchRequested, run_, &RunController::prepareBranch);
}

void WindowController::restoreSession(ui::MainWindow* window) {
  QSettings settings;
  const QString theme =
      settings.value(QStringLiteral("theme"), QStringLiteral("system")).toString();
  ui::applyTheme(ui::themeFromKey(theme));
  window->setThemeChecked(theme);
  window->restoreLayout(settings.value(QStringLiteral("window/geometry")).toByteArray(),
                        settings.value(QStringLiteral("window/state")).toByteArray());
}

WindowController::~WindowController() { shutdown(false); }

TrainingWorker* WindowController::worker() const { return run_->worker(); }
GeneratorService* WindowController::generator() const { return explorer_->generator(); }

void WindowController::shutdown(bool saveCheckpoint) {
  run_->shutdown(saveCheckpoint);
  explorer_->shutdown();
}

}  // namespace app
