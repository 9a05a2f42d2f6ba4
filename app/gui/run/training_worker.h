// The window's driver of gs::TrainingRun. It lives on its own QThread (RunController owns the
// thread) and runs one iteration per event, so requests run between iterations and the GUI thread
// never waits on training. Pause, step, stop and live settings go through the run's
// gs::RunSteering, the same state machine ganstudio-cli train uses: the window's own requests
// (submit()) and those of other processes (RUN/control/) alike, each acknowledged in changes.csv
// and in RUN/control/status. What the run reports (it is the run's RunObserver) leaves as queued
// signals of plain values: statistics in batches (at most ~20 a second), sample grids, live
// changes. The worker adds only what a window needs: pacing and the explorer's weights; every
// decision about files belongs to the run core.
#pragma once

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QTimer>
#include <QVector>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "app/gui/metatypes.h"
#include "model/config/config.h"
#include "model/core/rate.h"
#include "model/quality/quality_meter.h"
#include "model/runs/control_channel.h"
#include "model/training/run_steering.h"
#include "model/training/training_run.h"
#include "ui/training/training_types.h"

namespace app {

// What the window learns when a run starts or resumes.
struct RunInfo {
  QString runPath;
  QString device;
  qint64 datasetSize = 0;
  gs::RunConfig config;  // the effective configuration
  QString model;         // the networks and loss, for the status line (modelSummary)
  bool resumed = false;  // a resume or a roll-back, rather than a new run
  QStringList skipped;   // data files that could not be read, "file: reason"
};

class TrainingWorker : public QObject, private gs::RunObserver {
  Q_OBJECT

 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;

  // Thread-safe. Requests to the running run's steering (pause, resume, step, stop, live
  // settings), applied together before its next iteration.
  void submit(const std::vector<gs::ControlRequest>& requests);
  // Thread-safe: stops a data set that is loading for a new run (the worker is busy loading).
  void cancelLoading() { cancelLoading_ = true; }

  // The rest runs on the worker's thread (call through a queued invocation).
  // `paused`: nothing trains until a resume or a step.
  void startRun(const gs::RunConfig& config, const QString& runPath, bool paused = false);
  void resumeRun(const QString& path);
  // A new run in `runPath` from `spec` (RUN@ITERATION) with the form's settings
  // (TrainingRun::branch).
  void startBranch(const QString& spec, const gs::RunConfig& config, const QString& runPath);
  // The run again from its last good checkpoint with the learning rates times `factor` (after a
  // divergence, or when the person asks), then training goes on.
  void rollBack(double factor);
  // Asks the quality meter to measure the generator now.
  void measureNow();
  // The meter's answer to a qualityRequested(`token`, ...); older runs' answers are dropped.
  void recordQuality(quint64 token, const gs::QualityScores& scores);
  // The latent explorer wants the generator's newest weights (at most twice a second).
  void setSnapshotsWanted(bool wanted);
  // The explorer shows where D looks: snapshots carry D's weights too.
  void setDiscriminatorWanted(bool wanted);
  void snapshotNow();
  // A snapshot now when a run is there, then snapshotRefreshed() in any case: what waits for the
  // newest weights on the generator's thread runs on that signal (queued behind the snapshot).
  void refreshSnapshot();
  // Ends the session: stops, saves a checkpoint when asked and when there is something to save.
  void shutdown(bool saveCheckpoint);

  // Queries for tests (call with a blocking queued invocation).
  gs::Trainer::OptimizerSettings dOptimizer() const;
  gs::Trainer::OptimizerSettings gOptimizer() const;
  qint64 iteration() const;

 Q_SIGNALS:
  void stateChanged(ui::TrainingState state, const QString& message);
  // The steering's sentences (a request applied, refused or ignored), for the status bar.
  void said(const QString& sentence);
  void runStarted(const app::RunInfo& info);
  void metricsReady(const QVector<ui::MetricPoint>& points);
  // A resumed run's rows so far: its curves, changes, measurements and warnings.
  void historyRestored(const QVector<ui::MetricPoint>& points,
                       const QVector<ui::LiveChange>& changes,
                       const QVector<ui::QualityPoint>& quality,
                       const QVector<ui::HealthNotice>& notices,
                       const QVector<ui::ScorePoint>& scores);
  void samplesReady(const gs::ImageBatch& grid, qint64 iteration);
  void checkpointWritten(qint64 iteration);
  void progressChanged(const ui::Progress& progress);
  void liveChangeApplied(const ui::LiveChange& change);
  // The fixed latent batch behind the grid (a vector of noiseDim values per cell: z, and a
  // conditional run's class one-hot), once per run.
  void gridLatentsReady(const QVector<float>& latents, int noiseDim);
  // A folder of images loading for a new run: files done of all (at most ten times a second, and
  // once at the end); cancelLoading() cancels it.
  void loadingProgress(qint64 done, qint64 total);
  // G's weights and the run's configuration, for the explorer's renderer; D's when wanted
  // (setDiscriminatorWanted), else empty.
  void generatorSnapshot(const gs::RunConfig& config, const QByteArray& weights,
                         const QByteArray& discriminatorWeights);
  void snapshotRefreshed();
  // A problem that does not end the run (a file that cannot be written): shown as a dialog.
  void problem(const QString& message);
  // The run wants its generator measured (the quality meter runs on the generator's thread).
  void qualityRequested(quint64 token, const gs::QualityRequest& request);
  void qualityReady(const ui::QualityPoint& point);
  void scoresReady(const ui::ScorePoint& point);
  // D's verdict on each cell of a grid shown on start, Pause or Step (not a measurement: no chart
  // point, no scores.csv row).
  void gridVerdictsReady(qint64 iteration, const QVector<float>& verdicts);
  void healthWarning(const ui::HealthNotice& notice);

 private:
  // gs::RunObserver: what the run reports, on this thread.
  void on_iteration(const gs::StepStats& stats) override;
  void on_grid(int64_t iteration, const gs::ImageBatch& grid) override;
  void on_checkpoint(int64_t iteration, const std::string& path) override;
  void on_live_change(const std::vector<gs::SettingChange>& changes) override;
  void on_diverged(const gs::StepStats& stats) override;
  void on_quality(const gs::QualityScores& scores) override;
  void on_scores(const gs::DiscriminatorScores& scores) override;
  void on_health(const gs::HealthWarning& warning) override;

  void begin(const QString& message, bool resumed, gs::RunState initial = gs::RunState::Running);
  // Runs `load` (which makes run_) with a LoadProgress that reports loadingProgress and stops on
  // cancelLoading(); a cancel or a failure (`failure` with the reason as %1) is reported and leaves
  // no run. Whether run_ was made.
  bool loadCancellably(const QString& failure,
                       const std::function<void(const gs::LoadProgress&)>& load);
  void restoreHistory();
  void dropRun();
  bool active() const { return steering_ && gs::is_active(steering_->state()); }
  // The steering changed state (a request, or the worker's own hold()).
  void stateEntered(gs::RunState state);
  void scheduleNext();
  void runNext();
  bool trainOne();  // false when the run cannot go on now
  void holdWith(const QString& message);
  void flush();
  void showGridNow();
  void emitProgress();
  // Ends the run: statistics out, a checkpoint, a last grid and snapshot, then Finished.
  void finish(const QString& message, gs::RunState state);
  void fail(const QString& message, gs::RunState state = gs::RunState::Failed);

  std::unique_ptr<gs::TrainingRun> run_;
  std::unique_ptr<gs::RunSteering> steering_;
  bool finished_ = false;  // the run ended (finished, stopped or failed): nothing more trains
  std::mutex inboxMutex_;
  std::deque<gs::ControlRequest> inbox_;  // submitted, not yet handed to the steering
  std::atomic<bool> cancelLoading_{false};
  bool scheduled_ = false;
  QTimer pausedPoll_;    // while paused: the steering reads the control folder
  QString holdMessage_;  // what the next pause says (a health warning, a divergence)
  QVector<ui::MetricPoint> pending_;
  QElapsedTimer sinceFlush_;
  QElapsedTimer sinceProgress_;
  QElapsedTimer rateClock_;
  gs::RateEstimator rate_;
  bool snapshotsWanted_ = false;
  bool discriminatorWanted_ = false;
  QElapsedTimer sinceSnapshot_;
  quint64 runToken_ = 0;  // grows with every run this worker drives
  QString divergence_;    // why the run cannot go on (a diverged run paused for a roll-back)
};

}  // namespace app

Q_DECLARE_METATYPE(app::RunInfo)
