// The window's driver of gs::TrainingRun. It lives on its own QThread (RunController owns the
// thread) and runs one iteration per event, so queued requests (live settings, step, stop) run
// between iterations and the GUI thread never waits on training. What the run reports (it is the
// run's RunObserver) leaves as queued signals of plain values: statistics in batches (at most ~20
// a second), sample grids as QImage, live changes. The worker adds only what a window needs: pause,
// step, pacing and the explorer's weights; every decision about files belongs to the run core.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>

#include "app/gui/metatypes.h"
#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/core/rate.h"
#include "model/quality/quality_meter.h"
#include "model/training/training_run.h"
#include "ui/training/training_types.h"

namespace app {

// What the window learns when a run starts or resumes.
struct RunInfo {
  QString runPath;
  QString device;
  qint64 datasetSize = 0;
  QString configYaml;     // the effective configuration
  gs::LiveSettings live;  // the settings that may change now
  gs::Preset preset = gs::Preset::Compact;
  QString model;         // the networks and loss, for the status line (modelSummary)
  bool resumed = false;  // a resume or a roll-back, rather than a new run
};

class TrainingWorker : public QObject, private gs::RunObserver {
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
  // A new run in `runPath` from `spec` (RUN@ITERATION) with the form's settings
  // (TrainingRun::branch).
  void startBranch(const QString& spec, const gs::RunConfig& config, const QString& runPath);
  void resume();
  void stepOnce();
  void stop();
  void applyLive(const gs::LiveSettings& settings);
  // The run again from its last good checkpoint with the learning rates times `factor` (after a
  // divergence, or when the person asks), then training goes on.
  void rollBack(double factor);
  // Asks the quality meter to measure the generator now.
  void measureNow();
  // The meter's answer to a qualityRequested(`token`, ...); older runs' answers are dropped.
  void recordQuality(quint64 token, const gs::QualityScores& scores);
  // The latent explorer wants the generator's newest weights (at most twice a second).
  void setSnapshotsWanted(bool wanted);
  void snapshotNow();
  // Ends the session: stops, saves a checkpoint when asked and when there is something to save.
  void shutdown(bool saveCheckpoint);

  // Queries for tests (call with a blocking queued invocation).
  gs::Trainer::OptimizerSettings dOptimizer() const;
  gs::Trainer::OptimizerSettings gOptimizer() const;
  qint64 iteration() const;

 Q_SIGNALS:
  void stateChanged(ui::TrainingState state, const QString& message);
  void runStarted(const app::RunInfo& info);
  void metricsReady(const QVector<ui::MetricPoint>& points);
  void historyRestored(const QVector<ui::MetricPoint>& points,
                       const QVector<ui::LiveChange>& changes);
  void samplesReady(const QImage& grid, int columns, qint64 iteration);
  void checkpointWritten(qint64 iteration);
  void progressChanged(const ui::Progress& progress);
  void liveChangeApplied(const ui::LiveChange& change);
  // The fixed latent batch behind the grid (a vector of noiseDim values per cell: z, and a
  // conditional run's class one-hot), once per run.
  void gridLatentsReady(const QVector<float>& latents, int noiseDim);
  // A folder of images loading for a new run: files done of all (at most ten times a second, and
  // once at the end); requestStop() cancels it.
  void loadingProgress(qint64 done, qint64 total);
  // G's weights and the run's configuration, for the explorer's renderer.
  void generatorSnapshot(const QString& configYaml, const QByteArray& weights);
  // A problem that does not end the run (a file that cannot be written): shown as a dialog.
  void problem(const QString& message);
  // The run wants its generator measured (the quality meter runs on the generator's thread).
  void qualityRequested(quint64 token, const gs::QualityRequest& request);
  void qualityReady(const ui::QualityPoint& point);
  void healthWarning(const ui::HealthNotice& notice);
  // A resumed run's measurements and warnings so far.
  void qualityHistoryRestored(const QVector<ui::QualityPoint>& points,
                              const QVector<ui::HealthNotice>& notices);

 private:
  enum class Phase { Idle, Running, Paused, Finished, Failed };

  // gs::RunObserver: what the run reports, on this thread.
  void on_iteration(const gs::StepStats& stats) override;
  void on_grid(int64_t iteration, const gs::ImageBatch& grid) override;
  void on_checkpoint(int64_t iteration, const std::string& path) override;
  void on_live_change(const std::vector<gs::SettingChange>& changes) override;
  void on_diverged(const gs::StepStats& stats) override;
  void on_quality(const gs::QualityScores& scores) override;
  void on_health(const gs::HealthWarning& warning) override;

  void begin(const QString& message, bool resumed);
  // Runs `load` (which makes run_) with a LoadProgress that reports loadingProgress and stops on
  // requestStop(); a cancel or a failure (`failure` with the reason as %1) is reported and leaves
  // no run. Whether run_ was made.
  bool loadCancellably(const QString& failure,
                       const std::function<void(const gs::LoadProgress&)>& load);
  void restoreHistory();
  void setPhase(Phase phase, const QString& message = {});
  bool active() const { return phase_ == Phase::Running || phase_ == Phase::Paused; }
  void scheduleNext();
  void runNext();
  bool trainOne();  // false when the run cannot go on now
  void pauseNow(const QString& message);
  void flush();
  void showGridNow();
  void emitProgress();
  // Ends the run: statistics out, a checkpoint, a last grid and snapshot, then Finished.
  void finish(const QString& message);
  void fail(const QString& message);

  std::unique_ptr<gs::TrainingRun> run_;
  Phase phase_ = Phase::Idle;
  std::atomic<bool> pauseRequested_{false};
  std::atomic<bool> stopRequested_{false};
  bool scheduled_ = false;
  QVector<ui::MetricPoint> pending_;
  // Training time for the charts' time axis: this session's clock (from its first step, as
  // metrics.csv's time_s) after the sessions before it (a resumed run's or a branch's rows).
  QElapsedTimer sessionClock_;
  double sessionFirstStepS_ = 0;
  double earlierSessionsS_ = 0;
  double restoredS_ = 0;  // the last training time of the rows restoreHistory() read
  QElapsedTimer sinceFlush_;
  QElapsedTimer sinceProgress_;
  QElapsedTimer rateClock_;
  gs::RateEstimator rate_;
  bool snapshotsWanted_ = false;
  QElapsedTimer sinceSnapshot_;
  quint64 runToken_ = 0;  // grows with every run this worker drives
  QString divergence_;    // why the run cannot go on (a diverged run paused for a roll-back)
};

}  // namespace app

Q_DECLARE_METATYPE(app::RunInfo)
