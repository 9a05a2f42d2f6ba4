// Plain values the window shows. The app's worker thread fills them from the model library and
// sends them through queued signals; nothing here knows about LibTorch.
#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace ui {

enum class TrainingState { Idle, Running, Paused, Finished, Failed };

QString stateName(TrainingState state);

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
};

// A setting changed while training ran, and the iteration it took effect at.
struct LiveChange {
  qint64 iteration = 0;
  QString key;    // "training.learning_rate_d"
  QString value;  // "0.0002"
  QString label;  // "lr D 2e-4"
};

struct Progress {
  qint64 iteration = 0;
  qint64 total = 0;
  double epoch = 0;
  double iterationsPerSecond = 0;
  double etaSeconds = -1;  // < 0: unknown
};

}  // namespace ui

Q_DECLARE_METATYPE(ui::TrainingState)
Q_DECLARE_METATYPE(ui::MetricPoint)
Q_DECLARE_METATYPE(ui::LiveChange)
Q_DECLARE_METATYPE(ui::Progress)
Q_DECLARE_METATYPE(QVector<ui::MetricPoint>)
Q_DECLARE_METATYPE(QVector<ui::LiveChange>)
