// The latent explorer in the window: owns the generator service and its thread, passes the
// explorer's render requests to it and its pictures back, feeds it the training run's weights,
// opens checkpoints for exploring without training, and loads a grid cell's latent vector.
#pragma once

#include <QObject>
#include <QThread>
#include <QVector>
#include <functional>

#include "app/gui/session_state.h"
#include "model/config/config.h"

namespace ui {
class LatentExplorerPanel;
class NearestImagesDialog;
class MainWindow;
class RunView;
}  // namespace ui

namespace app {

class GeneratorService;
class TrainingWorker;

class ExplorerController : public QObject {
  Q_OBJECT

 public:
  ExplorerController(ui::MainWindow* window, SessionState* session, TrainingWorker* worker,
                     QObject* parent = nullptr);
  ~ExplorerController() override;

  GeneratorService* generator() const { return generator_; }
  // The nearest training images' dialog (null until a person first asks; tests).
  ui::NearestImagesDialog* nearestImages() const { return nearest_; }
  // Explores (and exports from) a checkpoint without training.
  void openCheckpoint(const QString& path);
  // Explores a generator given by its configuration and weights (a watched run's snapshot), with
  // its D's weights when the trainer shares them (empty: it does not).
  void useWeights(const gs::RunConfig& config, const QByteArray& weights,
                  const QByteArray& discriminatorWeights = {});
  // Ends the generator thread; idempotent.
  void shutdown();

 Q_SIGNALS:
  void checkpointOpened(const QString& path);

 private:
  void showCellInExplorer(int index);
  // Runs `job` (on this thread; it posts work to the generator's thread) once the training run's
  // newest weights are on their way there ahead of it: what a person asks of the explorer (a
  // projection, the nearest images) is about the generator of now, even when the explorer was not
  // in use and holds an older snapshot.
  void afterNewestWeights(std::function<void()> job);
  ui::NearestImagesDialog* nearestDialog();

  ui::MainWindow* window_;
  ui::RunView* view_;
  ui::LatentExplorerPanel* explorer_;
  SessionState* session_;
  TrainingWorker* worker_;
  QVector<std::function<void()>> afterRefresh_;  // jobs waiting for the worker's snapshot
  QThread thread_;
  GeneratorService* generator_;
  ui::NearestImagesDialog* nearest_ = nullptr;  // made when first asked for; the window owns it
};

}  // namespace app
