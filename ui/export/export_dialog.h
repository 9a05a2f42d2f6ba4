// File -> Export...: what to export (grid, explorer digit, interpolation strip, training GIF,
// samples as IDX or PNG files, metrics, configuration), its options, and where.
#pragma once

#include <QDialog>
#include <QString>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace ui {

struct ExportRequest {
  enum Kind {
    GridPng,
    DigitPng,
    StripPng,
    TrainingGif,
    SamplesIdx,
    SamplesPngFolder,
    MetricsCsv,
    ConfigYaml
  };
  Kind kind = GridPng;
  QString path;
  int scale = 4;
  bool gaps = true;
  int frameStep = 1;
  int delayMs = 100;
  int count = 1000;
  qint64 seed = 0;
};

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ExportDialog(const QString& folder, QWidget* parent = nullptr);

  // Greys out a kind with the reason (for example "no run yet").
  void setUnavailable(ExportRequest::Kind kind, const QString& reason);
  void select(ExportRequest::Kind kind);
  ExportRequest request() const;

 private:
  void kindChanged();
  void browse();
  QString defaultName(ExportRequest::Kind kind) const;

  QString folder_;
  QComboBox* kind_;
  QLineEdit* path_;
  QSpinBox* scale_;
  QCheckBox* gaps_;
  QSpinBox* frameStep_;
  QSpinBox* delay_;
  QSpinBox* count_;
  QSpinBox* seed_;
  QLabel* note_;
  QWidget* imageOptions_;
  QWidget* gifOptions_;
  QWidget* sampleOptions_;
  QPushButton* exportButton_ = nullptr;
  QString reasons_[8];
};

}  // namespace ui
