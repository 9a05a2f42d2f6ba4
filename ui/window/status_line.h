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
  void setProgress(const Progress& progress);
  void setDevice(const QString& device);
  // The newest quality measurement ("FD 12.3 · 10/10 classes"); cleared by a new run.
  void setQuality(const QualityPoint& point);
  void clearQuality();

  QString text() const;  // all fields, for tests and screen readers

  static QString formatDuration(double seconds);

 private:
  QLabel* state_;
  QLabel* iteration_;
  QLabel* epoch_;
  QLabel* speed_;
  QLabel* eta_;
  QLabel* quality_;
  QLabel* device_;
};

}  // namespace ui
