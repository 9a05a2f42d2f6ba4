// The status bar's permanent fields: state, iteration / total, epoch, speed, ETA and device.
#pragma once

#include <QWidget>

#include "ui/training/training_types.h"

class QLabel;

namespace ui {

class StatusLine : public QWidget {
  Q_OBJECT

 public:
  explicit StatusLine(QWidget* parent = nullptr);

  void setState(TrainingState state);
  // A request waiting for the current iteration to end ("Pausing…", "Stopping…"), until the next
  // setState.
  void setPending(const QString& what);
  void setProgress(const Progress& progress);
  void setDevice(const QString& device);
  // The networks and loss in use ("compact · hinge loss · conditional").
  void setModel(const QString& model);
  QString model() const;
  // The newest quality measurement ("FD 12.3 · 10/10 classes"); its tooltip has the samples'
  // share of each class, by the names setClassNames gave.
  void setQuality(const QualityPoint& point);
  void setClassNames(const QStringList& names);
  QString qualityToolTip() const;
  // A different run: nothing of the one before (iteration, epoch, speed, time left, quality).
  void clearRun();
  // Watching another process's run: "watching · last update 3 s ago" (a warning colour when
  // `stale`); an empty text hides it.
  void setWatching(const QString& text, bool stale);

  QString text() const;  // all fields, for tests and screen readers

  // A duration as a person says it: "≈ 4 h 08 min", "≈ 12 min", "≈ 45 s".
  static QString formatDuration(double seconds);

 private:
  // What the quality field's tooltip says before the samples per class.
  static QString qualityTip();
  QLabel* state_;
  QLabel* iteration_;
  QLabel* epoch_;
  QLabel* speed_;
  QLabel* eta_;
  QLabel* quality_;
  QLabel* model_;
  QLabel* device_;
  QLabel* watching_;
  QString modelText_;
  QStringList classNames_;
  bool running_ = false;
};

}  // namespace ui
