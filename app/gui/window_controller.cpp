#include "app/gui/window_controller.h"

#include "app/gui/config/config_controller.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/export/export_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"
#include "ui/window/main_window.h"

namespace app {

WindowController::WindowController(ui::MainWindow* window, QObject* parent)
    : QObject(parent),
      config_(new ConfigController(window, this)),
      run_(new RunController(window, config_, &session_, this)),
      explorer_(new ExplorerController(window, &session_, run_->worker(), this)),
      export_(
          new ExportController(window, &session_, explorer_->generator(), run_, config_, this)) {
  // The quality meter runs on the generator's thread; the run records what it measured.
  connect(worker(), &TrainingWorker::qualityRequested, generator(),
          &GeneratorService::measureQuality);
  connect(generator(), &GeneratorService::qualityMeasured, worker(),
          &TrainingWorker::recordQuality);
  connect(generator(), &GeneratorService::qualityProgress, window,
          [window](const QString& what, double fraction) {
            window->showMessage(tr("%1: %2%").arg(what).arg(qRound(100 * fraction)), 3000);
          });
}

WindowController::~WindowController() { shutdown(false); }

TrainingWorker* WindowController::worker() const { return run_->worker(); }
GeneratorService* WindowController::generator() const { return explorer_->generator(); }

void WindowController::shutdown(bool saveCheckpoint) {
  run_->shutdown(saveCheckpoint);
  explorer_->shutdown();
}

}  // namespace app
