#include "app/gui/window_controller.h"

#include "app/gui/config/config_controller.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/export/export_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"

namespace app {

WindowController::WindowController(ui::MainWindow* window, QObject* parent)
    : QObject(parent),
      config_(new ConfigController(window, this)),
      run_(new RunController(window, config_, &session_, this)),
      explorer_(new ExplorerController(window, &session_, run_->worker(), this)),
      export_(
          new ExportController(window, &session_, explorer_->generator(), run_, config_, this)) {}

WindowController::~WindowController() { shutdown(false); }

TrainingWorker* WindowController::worker() const { return run_->worker(); }
GeneratorService* WindowController::generator() const { return explorer_->generator(); }

void WindowController::shutdown(bool saveCheckpoint) {
  run_->shutdown(saveCheckpoint);
  explorer_->shutdown();
}

}  // namespace app
