// Plain values the window shows. The app's worker thread fills them from the model library and
// sends them through queued signals; nothing here knows about LibTorch.
#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QVector>

namespace ui {

// The window's training states: Idle (nothing trains here) and a trainer's states, named as the
// CLI and run folders name them (finished, stopped, interrupted, diverged, failed).
enum class TrainingState {
  Idle,
  Running,
  Paused,
  Finished,
  Stopped,
  Interrupted,
  Diverged,
  Failed
};

QString stateName(TrainingState state);
// A run that trained and ended (any of finished ... failed).
inline bool hasEnded(TrainingState state) {
  return state != TrainingState::Idle && state != TrainingState::Running &&
         state != TrainingState::Paused;
}
// Ended as a person wanted it: all its iterations, or stopped on purpose (its last checkpoint is
// good to measure and explore).
inline bool endedWell(TrainingState state) {
  return state == TrainingState::Finished || state == TrainingState::Stopped ||
         state == TrainingState::Interrupted;
}

// One training iteration's statistics (the seed's four scalars and D's mean outputs).
struct MetricPoint {
  qint64 iteration = 0;
  float d_loss = 0;
  float d_acc = 0;
  float g_loss = 0;
  float g_acc = 0;
  float d_real = 0;
  float d_fake = 0;
  double step_ms = 0;
  double seconds = -1;  // training time since the run began, over every session (-1: unknown)
  float augment = 0;    // the augmentation's strength, 0..1 (training.augment; 0: off)
};

// A setting changed while training ran: its key, its short name for the charts ("lr D") and its
// new value as the configuration file writes it ("" when it went back to unset).
struct LiveSetting {
  QString key;
  QString label;
  QString value;
};

// Settings changed while training ran, and the first iteration that used them.
struct LiveChange {
  qint64 iteration = 0;
  QList<LiveSetting> settings;
};

// A short label for the charts: "lr D 0.001, lr G 0.001".
QString liveChangeLabel(const LiveChange& change);

// One measurement of the quality meter.
struct QualityPoint {
  qint64 iteration = 0;
  double fd = 0;    // Fréchet distance to real images' features (lower is better)
  int classes = 0;  // 0: unlabelled data (distance only)
  int classesCovered = 0;
  double confidence = 0;  // the classifier's mean confidence, 0..1
  double precision = 0;
  double recall = 0;
  // A conditional generator: the share of samples drawn in the class asked for (-1: none).
  double conditionalAccuracy = -1;
  // The share of samples that copy training images (-1: not measured; docs/HEALTH.md).
  double memorised = -1;
  QVector<double> histogram;  // the share of the samples in each class (labelled data)
};

// D's outputs measured with a grid (scores.csv): the real images' and the fakes' 5/25/50/75/95%
// quantiles, and D's verdict on each grid cell (empty when read back from scores.csv).
struct ScorePoint {
  qint64 iteration = 0;
  double real[5] = {};
  double fake[5] = {};
  QVector<float> grid;
};

// What a health warning's banner button does.
enum class HealthAction {
  None,
  RollBack,  // to the last good checkpoint, both learning rates halved
  HalveDLearningRate,
  HalveGLearningRate,
  HalveLearningRates,
};

// A health monitor's warning as the window shows it.
struct HealthNotice {
  qint64 iteration = 0;
  QString rule;         // "mode-collapse"
  QString title;        // "Mode collapse"
  QString explanation;  // why it matters
  QString advice;       // what to do
  QString detail;       // what was measured
  bool paused = false;  // the run paused for it
  HealthAction action = HealthAction::None;
};

struct Progress {
  qint64 iteration = 0;
  qint64 total = 0;
  double epoch = 0;  // < 0: unknown (a watched run's data set is not loaded here)
  double iterationsPerSecond = 0;
  double etaSeconds = -1;  // < 0: unknown
};

}  // namespace ui

Q_DECLARE_METATYPE(ui::TrainingState)
Q_DECLARE_METATYPE(ui::MetricPoint)
Q_DECLARE_METATYPE(ui::LiveChange)
Q_DECLARE_METATYPE(ui::Progress)
Q_DECLARE_METATYPE(ui::QualityPoint)
Q_DECLARE_METATYPE(ui::ScorePoint)
Q_DECLARE_METATYPE(QVector<ui::ScorePoint>)
Q_DECLARE_METATYPE(ui::HealthNotice)
Q_DECLARE_METATYPE(ui::HealthAction)
Q_DECLARE_METATYPE(QVector<ui::QualityPoint>)
Q_DECLARE_METATYPE(QVector<ui::HealthNotice>)
Q_DECLARE_METATYPE(QVector<ui::MetricPoint>)
Q_DECLARE_METATYPE(QVector<ui::LiveChange>)
