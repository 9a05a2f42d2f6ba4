// The explorer's "Draw & Project" page: a drawing pad (mouse or pen, brush size, clear) and
// projection of the drawing or of an image file into the generator's latent space, with its
// progress, a cancel button and what it found. The page only asks (projectDrawing, projectFile,
// cancelRequested); the explorer's controller runs the projection on the generator's thread and
// answers with showProgress and showOutcome.
#pragma once

#include <QImage>
#include <QMetaType>
#include <QVector>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ui {

class DrawingPad;

// What a projection found.
struct ProjectionOutcome {
  QString source;         // "the drawing", or the file's name
  QVector<float> inputs;  // the explorer's vector: z, then a conditional G's class one-hot
  QImage target;          // the picture as projected (fitted to G's size, perhaps inverted)
  QImage image;           // G's image of `inputs`
  double startError = 0;  // mean absolute pixel error (0..1) of the best random start
  double error = 0;       // and of the result
  int steps = 0;
  int stepsAsked = 0;
  bool cancelled = false;
  bool inverted = false;    // the picture's contrast was turned to the generator's
  QString pictureClass;     // what the quality meter's classifier reads in the picture (or empty)
  QString projectionClass;  // and in the projection
  QString generatorClass;   // the class a conditional G draws it as (or empty)
};

class ProjectionPad : public QWidget {
  Q_OBJECT

 public:
  explicit ProjectionPad(QWidget* parent = nullptr);

  DrawingPad* pad() const { return pad_; }
  // The generator's image side: the pad's scale.
  void setSide(int side);
  void setAvailable(bool available);
  bool busy() const { return busy_; }
  // A projection started (progress shown, Cancel enabled) or ended.
  void setBusy(bool busy);
  void showProgress(int step, int steps, double error);
  void showOutcome(const ProjectionOutcome& outcome);
  void showFailure(const QString& message);
  QString result() const;
  // Asks to project the drawing (what the Project Drawing button does).
  void projectTheDrawing();

 Q_SIGNALS:
  void projectDrawing(const QImage& picture);
  void projectFile(const QString& path);
  void cancelRequested();

 private:
  void updateButtons();

  DrawingPad* pad_;
  QDoubleSpinBox* brush_;
  QPushButton* clear_;
  QPushButton* projectDrawing_;
  QPushButton* projectFile_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* result_;
  bool available_ = false;
  bool busy_ = false;
};

}  // namespace ui

Q_DECLARE_METATYPE(ui::ProjectionOutcome)
