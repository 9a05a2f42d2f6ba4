// File -> Export...: what to export (grid, explorer digit, interpolation strip, training GIF or
// video, a latent walk video, samples as IDX or PNG files, metrics, configuration, a report), its
// options, and where.
#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <vector>

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
    ConfigYaml,
    TrainingVideo,  // the grids the run drew, MP4 or WebM
    LatentWalk,     // a walk through the generator's latent space, MP4 or WebM
    Report,         // the run (or the runs compared) as one self-contained HTML file
    KindCount
  };
  Kind kind = GridPng;
  QString path;
  int scale = 4;
  bool gaps = true;
  int frameStep = 1;
  int delayMs = 100;
  int count = 1000;
  qint64 seed = 0;
  // Videos: the format follows the path's extension (.mp4 or .webm).
  int fps = 10;
  int videoScale = 1;  // the time-lapse: times the saved grids; the walk: times the image
  bool caption = true;
  std::vector<quint64> walkSeeds{1, 2, 3, 4};
  QString walkClasses;  // a conditional generator's class per point, by name or number
  int walkFrames = 120;
  bool loop = true;
  bool spherical = true;
  // The report: the iterations whose grids it shows (empty: four spread over the run).
  std::vector<qint64> reportGrids;
};

// "1, 2, 3" as seeds (at least two, each 0..2^62); false with the reason otherwise.
bool parseSeeds(const QString& text, std::vector<quint64>* seeds, QString* error);
// "1000, 5000" as iterations (any number, each 0..10^12); false with the reason otherwise.
bool parseIterations(const QString& text, std::vector<qint64>* iterations, QString* error);

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
  void formatChanged();
  void seedsEdited();
  void reportGridsEdited();

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
  QComboBox* videoFormat_;
  QSpinBox* fps_;
  QSpinBox* videoScale_;
  QCheckBox* caption_;
  QSpinBox* videoFrameStep_;
  QLineEdit* walkSeeds_;
  QLineEdit* walkClasses_;
  QSpinBox* walkFrames_;
  QCheckBox* loop_;
  QComboBox* walkPath_;  // spherical or linear
  QWidget* videoOptions_;
  QWidget* timelapseOptions_;
  QWidget* walkOptions_;
  QWidget* reportOptions_;
  QLineEdit* reportGrids_;
  QString reportGridsProblem_;
  QPushButton* exportButton_ = nullptr;
  QString reasons_[ExportRequest::KindCount];
  QString seedsProblem_;
  int shownVideoKind_ = -1;  // the video kind whose defaults the fields hold
};

}  // namespace ui
