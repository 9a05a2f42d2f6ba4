#include "app/gui/explorer/explorer_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <utility>

#include "app/gui/conversions.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/run/training_worker.h"
#include "model/core/grid.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/explorer/nearest_images_dialog.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/window/main_window.h"

namespace app {

ExplorerController::ExplorerController(ui::MainWindow* window, SessionState* session,
                                       TrainingWorker* worker, QObject* parent)
    : QObject(parent),
      window_(window),
      view_(window),
      explorer_(window->explorer()),
      session_(session),
      worker_(worker),
      generator_(new GeneratorService) {
  generator_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, generator_, &QObject::deleteLater);
  thread_.setObjectName(QStringLiteral("generator"));
  thread_.start();

  ui::LatentExplorerPanel* explorer = explorer_;
  // Requests go straight to the renderer (thread-safe, newest wins); results come back queued.
  connect(explorer, &ui::LatentExplorerPanel::renderRequested, this,
          [this, explorer](const QVector<float>& z, quint64 stamp) {
            if (generator_) {
              generator_->requestPreview(z, stamp,
                                         {explorer->showsSaliency(), explorer->showsLayers()});
            }
          });
  connect(explorer, &ui::LatentExplorerPanel::stripRequested, this,
          [this](const QVector<float>& latents, int frames, quint64 stamp) {
            if (generator_) generator_->requestStrip(latents, frames, stamp);
          });
  connect(generator_, &GeneratorService::previewReady, this,
          [this, explorer](const QImage& image, quint64 stamp) {
            if (explorer->setPreview(image, stamp)) session_->digit = image;
          });
  connect(generator_, &GeneratorService::stripReady, this,
          [this, explorer](const QVector<QImage>& frames, quint64 stamp) {
            if (explorer->setStrip(frames, stamp)) session_->strip = frames;
          });
  // The nearest training images: asked on the generator's thread (the meter lives there), shown in
  // a dialog that stays open beside the explorer.
  connect(explorer, &ui::LatentExplorerPanel::nearestRequested, this,
          [this](const QVector<float>& z) {
            ui::NearestImagesDialog* dialog = nearestDialog();
            dialog->showSearching();
            dialog->show();
            dialog->raise();
            afterNewestWeights([this, z] {
              QMetaObject::invokeMethod(generator_,
                                        [generator = generator_, z] { generator->findNearest(z); });
            });
          });
  connect(generator_, &GeneratorService::nearestFound, this,
          [this](const ui::NearestImages& nearest) { nearestDialog()->showNearest(nearest); });
  connect(generator_, &GeneratorService::nearestFailed, this,
          [this](const QString& message) { nearestDialog()->showFailure(message); });
  // Looking inside: D's saliency over the preview and G's layers come with each preview asked.
  connect(generator_, &GeneratorService::saliencyReady, explorer,
          &ui::LatentExplorerPanel::setSaliency);
  connect(generator_, &GeneratorService::saliencyUnavailable, explorer,
          &ui::LatentExplorerPanel::showSaliencyUnavailable);
  connect(generator_, &GeneratorService::layersReady, explorer,
          &ui::LatentExplorerPanel::setLayers);
  connect(explorer, &ui::LatentExplorerPanel::saliencyToggled, worker, [worker](bool on) {
    worker->setDiscriminatorWanted(on);  // queued: the run's snapshots then carry D
  });
  // Projection: on the generator's thread, live in the explorer, cancelable.
  ui::ProjectionPad* pad = explorer->projectionPad();
  // A projection starts from the run's newest weights (an explorer not used before holds old
  // ones): afterNewestWeights.
  auto project = [this, explorer](const QImage& picture, const QString& path) {
    if (!generator_ || explorer->projecting()) return;
    explorer->setProjecting(true);
    generator_->armProjection();
    afterNewestWeights([this, picture, path] {
      QMetaObject::invokeMethod(generator_,
                                [g = generator_, picture, path] { g->project(picture, path); });
    });
  };
  connect(worker, &TrainingWorker::snapshotRefreshed, this, [this] {
    const QVector<std::function<void()>> waiting = std::exchange(afterRefresh_, {});
    for (const auto& job : waiting) {
      if (generator_) job();
    }
  });
  connect(pad, &ui::ProjectionPad::projectDrawing, this,
          [project](const QImage& picture) { project(picture, {}); });
  connect(pad, &ui::ProjectionPad::projectFile, this,
          [project](const QString& path) { project({}, path); });
  connect(pad, &ui::ProjectionPad::cancelRequested, this, [this] {
    if (generator_) generator_->cancelProjection();  // thread-safe
  });
  connect(generator_, &GeneratorService::projectionProgress, pad, &ui::ProjectionPad::showProgress);
  connect(generator_, &GeneratorService::projectionImage, explorer,
          &ui::LatentExplorerPanel::showProjectionImage);
  connect(generator_, &GeneratorService::projectionFinished, explorer,
          &ui::LatentExplorerPanel::applyProjection);
  connect(generator_, &GeneratorService::projectionFailed, explorer,
          [explorer, pad](const QString& message) {
            explorer->setProjecting(false);
            pad->showFailure(message);
          });
  connect(explorer, &ui::LatentExplorerPanel::message, window_,
          [this](const QString& text) { window_->showMessage(text, 5000); });
  connect(explorer, &ui::LatentExplorerPanel::engagedChanged, worker, [worker](bool engaged) {
    worker->setSnapshotsWanted(engaged);  // queued: runs on the worker's thread
  });
  connect(generator_, &GeneratorService::generatorReady, explorer,
          [explorer](int noiseDim, int classes, const QStringList& classNames, int side) {
            explorer->setNoiseDim(noiseDim, classes);
            explorer->setImageSide(side);
            explorer->setClassNames(classNames);
            explorer->setAvailable(true);
            explorer->refresh();
          });
  connect(generator_, &GeneratorService::failed, window_,
          [this](const QString& message) { window_->showError(tr("Generator"), message); });
  connect(worker, &TrainingWorker::generatorSnapshot, generator_, &GeneratorService::useWeights);
  connect(window_->grid(), &ui::SampleGridView::cellClicked, this,
          &ExplorerController::showCellInExplorer);
  connect(window_, &ui::MainWindow::openCheckpointRequested, this,
          &ExplorerController::openCheckpoint);
  connect(generator_, &GeneratorService::checkpointOpened, this,
          [this](const QString& path, const gs::ImageBatch& grid, const QVector<float>& latents,
                 int noiseDim, const QString& runFolder, const gs::RunConfig& config) {
            session_->gridLatents = latents;
            session_->noiseDim = noiseDim;
            session_->runFolder = runFolder;
            session_->config = config;
            session_->grid = grid;
            view_->showTrainer({}, modelSummary(config));
            showClassesOf(*view_, config);
            view_->showOpenedGrid(toGridImage(grid, gs::kGridColumns), gs::kGridColumns,
                                  tr("From %1").arg(QFileInfo(path).fileName()));
            window_->showMessage(
                tr("Opened %1: click a digit to explore it, or export with File → Export")
                    .arg(QDir::toNativeSeparators(path)));
            Q_EMIT checkpointOpened(path);
          });
}

ExplorerController::~ExplorerController() { shutdown(); }

void ExplorerController::shutdown() {
  if (generator_) {
    generator_->cancelProjection();  // a projection running ends at its next step
    generator_->cancelExport();      // and a video being written at its next frame
  }
  thread_.quit();
  thread_.wait();
  // The service was deleted with its thread: a watcher's poll or a slider moved while the window
  // closes finds no generator rather than a dangling one.
  generator_ = nullptr;
}

void ExplorerController::showCellInExplorer(int index) {
  const QVector<float> z = session_->gridLatent(index);
  if (z.isEmpty() || !explorer_->isAvailable()) return;
  explorer_->setLatent(z);
  window_->showMessage(tr("Exploring the latent vector of cell %1").arg(index + 1), 5000);
}

void ExplorerController::useWeights(const gs::RunConfig& config, const QByteArray& weights,
                                    const QByteArray& discriminatorWeights) {
  if (!generator_) return;
  QMetaObject::invokeMethod(
      generator_,
      [g = generator_, config, weights, discriminatorWeights] {
        g->useWatchedWeights(config, weights, discriminatorWeights);
      },
      Qt::QueuedConnection);
}

void ExplorerController::openCheckpoint(const QString& path) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"),
                       tr("Stop training before opening a checkpoint to explore."));
    return;
  }
  if (!generator_) return;
  QMetaObject::invokeMethod(
      generator_, [g = generator_, path] { g->openCheckpoint(path); }, Qt::QueuedConnection);
}

void ExplorerController::afterNewestWeights(std::function<void()> job) {
  // The worker's snapshot goes to the generator thread first; its snapshotRefreshed then comes
  // here, and the job, posted to the generator thread now, runs after the snapshot is applied.
  afterRefresh_.append(std::move(job));
  if (afterRefresh_.size() == 1) {
    QMetaObject::invokeMethod(worker_, &TrainingWorker::refreshSnapshot, Qt::QueuedConnection);
  }
}

ui::NearestImagesDialog* ExplorerController::nearestDialog() {
  if (!nearest_) nearest_ = new ui::NearestImagesDialog(window_);
  return nearest_;
}

}  // namespace app
