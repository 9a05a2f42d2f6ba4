// The object that trains. It lives on its own QThread (the controller owns the thread) and runs one
// iteration per event, so queued requests (a new learning rate, pause, step) run between iterations
// and the GUI thread never waits on training. Statistics go out in batches (at most ~20 a second),
// sample grids as QImage (at most ~4 a second), all through queued signals as plain values.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QVector>
#include <atomic>
#include <memory>

#include "model/config/config.h"
#include "ui/training/config_form.h"
#include "ui/training/training_types.h"

namespace gs {
class Trainer;
class RunDirectory;
}  // namespace gs

namespace app {

class TrainingWorker : public QObject {
  Q_OBJECT

 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;

  // Thread-safe; the running loop sees them before its next iteration.
  void requestPause() { pauseRequested_ = true; }
  void requestStop() { stopRequested_ = true; }

  // The rest runs on the worker's thread (call through a queued invocation).
  void startRun(const gs::RunConfig& config, const QString& runPath);
  void resumeRun(const QString& path);
  void resume();
  void stepOnce();
  void stop();
  void applyLive(const ui::FormValues& changes);
  // The latent explorer wants the generator's newest weights (at most twice a second).
  void setSnapshotsWanted(bool wanted);
  void snapshotNow();
  // Ends the session: stops, saves a checkpoint when asked and when there is something to save.
  void shutdown(bool saveCheckpoint);

  // Queries for tests (call with a blocking queued invocation).
  std::pair<double, double> optimizerLearningRates() const;
  qint64 iteration() const;

 Q_SIGNALS:
  void stateChanged(ui::TrainingState state, const QString& message);
  void runStarted(const QString& runPath, const QString& device, qint64 datasetSize);
  void metricsReady(const QVector<ui::MetricPoint>& points);
  void historyRestored(const QVector<ui::MetricPoint>& points,
                       const QVector<ui::LiveChange>& changes);
  void samplesReady(const QImage& grid, int columns, qint64 iteration);
  void progressChanged(const ui::Progress& progress);
  void liveChangeApplied(const ui::LiveChange& change);
  // The fixed latent batch behind the grid (kGridSamples x noiseDim values), once per run.
  void gridLatentsReady(const QVector<float>& latents, int noiseDim);
  // G's weights and the run's configuration, for the explorer's renderer.
  void generatorSnapshot(const QString& configYaml, const QByteArray& weights);
  // A problem that does not end the run (a file that cannot be written): shown as a dialog.
  void problem(const QString& message);

 private:
  enum class Phase { Idle, Running, Paused, Finished, Failed };

  void setPhase(Phase phase, const QString& message = {});
  void scheduleNext();
  void runNext();
  bool trainOne();  // false when the run cannot go on
  void flush();
  void emitSamples();
  void emitProgress();
  // Ends the run: statistics out, a checkpoint, a last grid and snapshot, then Finished.
  void finish(const QString& message);
  void fail(const QString& message);
  QString saveCheckpoint();
  void prepareRun(const QString& runPath, bool resuming);

  std::unique_ptr<gs::Trainer> trainer_;
  std::unique_ptr<gs::RunDirectory> run_;
  Phase phase_ = Phase::Idle;
  std::atomic<bool> pauseRequested_{false};
  std::atomic<bool> stopRequested_{false};
  bool scheduled_ = false;
  bool samplesDue_ = false;
  QVector<ui::MetricPoint> pending_;
  QElapsedTimer sinceFlush_;
  QElapsedTimer sinceSamples_;
  QElapsedTimer sinceProgress_;
  QElapsedTimer rateClock_;
  qint64 rateStartIteration_ = 0;
  double rate_ = 0;
  QString lastCheckpoint_;
  bool snapshotsWanted_ = false;
  QElapsedTimer sinceSnapshot_;
};

}  // namespace app
