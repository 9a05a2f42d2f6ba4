#include "ui/explorer/projection_pad.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/explorer/drawing_pad.h"

namespace ui {

ProjectionPad::ProjectionPad(QWidget* parent)
    : QWidget(parent),
      pad_(new DrawingPad(this)),
      brush_(new QDoubleSpinBox(this)),
      clear_(new QPushButton(tr("Cl&ear"), this)),
      projectDrawing_(new QPushButton(tr("Pro&ject Drawing"), this)),
      projectFile_(new QPushButton(tr("Project &Image…"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      result_(new QLabel(this)) {
  brush_->setRange(0.5, 8.0);
  brush_->setSingleStep(0.5);
  brush_->setDecimals(1);
  brush_->setValue(pad_->brush());
  brush_->setSuffix(tr(" px"));
  brush_->setToolTip(tr("The brush's width, in the generator's pixels"));
  auto* brushLabel = new QLabel(tr("&Brush"), this);
  brushLabel->setBuddy(brush_);
  clear_->setToolTip(tr("Clear the drawing"));
  projectDrawing_->setToolTip(
      tr("Find the latent vector whose image is closest to the drawing: the explorer then holds "
         "it, and its sliders, A/B and interpolation work from there"));
  projectFile_->setToolTip(tr("Project a picture from a file (PNG, JPEG, ...) the same way"));
  cancel_->setToolTip(tr("Stop the projection: the explorer keeps the best vector so far"));
  cancel_->setEnabled(false);
  progress_->setTextVisible(true);
  progress_->setFormat(tr("step %v of %m"));
  progress_->setValue(0);
  progress_->hide();
  result_->setWordWrap(true);
  result_->setForegroundRole(QPalette::PlaceholderText);
  result_->setText(tr("Draw a digit, then Project Drawing."));
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* tools = new QGridLayout;
  tools->addWidget(brushLabel, 0, 0);
  tools->addWidget(brush_, 0, 1);
  tools->addWidget(clear_, 1, 0, 1, 2);
  tools->addWidget(projectDrawing_, 2, 0, 1, 2);
  tools->addWidget(projectFile_, 3, 0, 1, 2);
  tools->addWidget(cancel_, 4, 0, 1, 2);
  tools->setRowStretch(5, 1);
  auto* top = new QHBoxLayout;
  top->addWidget(pad_);
  top->addLayout(tools);
  top->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(top);
  layout->addWidget(progress_);
  layout->addWidget(result_);
  layout->addStretch(1);

  connect(brush_, qOverload<double>(&QDoubleSpinBox::valueChanged), pad_, &DrawingPad::setBrush);
  connect(clear_, &QPushButton::clicked, pad_, &DrawingPad::clear);
  connect(pad_, &DrawingPad::changed, this, &ProjectionPad::updateButtons);
  connect(projectDrawing_, &QPushButton::clicked, this, &ProjectionPad::projectTheDrawing);
  connect(projectFile_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Project an Image"), QString(), tr("Images (*.png *.jpg *.jpeg);;All files (*)"));
    if (!path.isEmpty()) Q_EMIT projectFile(path);
  });
  connect(cancel_, &QPushButton::clicked, this, [this] {
    cancel_->setEnabled(false);
    Q_EMIT cancelRequested();
  });
  updateButtons();
}

void ProjectionPad::setSide(int side) {
  if (side != pad_->side()) pad_->setSide(side);
}

void ProjectionPad::setAvailable(bool available) {
  available_ = available;
  updateButtons();
}

void ProjectionPad::updateButtons() {
  projectDrawing_->setEnabled(available_ && !busy_ && !pad_->isBlank());
  projectFile_->setEnabled(available_ && !busy_);
  clear_->setEnabled(!busy_);
  pad_->setEnabled(!busy_);
}

void ProjectionPad::projectTheDrawing() {
  if (!available_ || busy_ || pad_->isBlank()) return;
  Q_EMIT projectDrawing(pad_->picture());
}

void ProjectionPad::setBusy(bool busy) {
  busy_ = busy;
  cancel_->setEnabled(busy);
  progress_->setVisible(busy);
  if (busy) {
    progress_->setValue(0);
    result_->setText(tr("Projecting…"));
  }
  updateButtons();
}

void ProjectionPad::showProgress(int step, int steps, double error) {
  progress_->setMaximum(steps);
  progress_->setValue(step);
  result_->setText(tr("Projecting: pixel error %1").arg(error, 0, 'f', 3));
}

void ProjectionPad::showOutcome(const ProjectionOutcome& outcome) {
  setBusy(false);
  QString text =
      outcome.cancelled
          ? tr("Stopped after %1 of %2 steps: the explorer holds the best vector so far.")
                .arg(outcome.steps)
                .arg(outcome.stepsAsked)
          : tr("Projected %1 in %2 steps.").arg(outcome.source).arg(outcome.steps);
  text += QLatin1Char(' ') + tr("Pixel error %1 (the best random start: %2).")
                                 .arg(outcome.error, 0, 'f', 3)
                                 .arg(outcome.startError, 0, 'f', 3);
  if (!outcome.generatorClass.isEmpty())
    text += QLatin1Char(' ') + tr("Drawn as class %1.").arg(outcome.generatorClass);
  if (!outcome.pictureClass.isEmpty()) {
    text += QLatin1Char(' ') + tr("The quality meter reads the picture as %1 and the projection as "
                                  "%2.")
                                   .arg(outcome.pictureClass, outcome.projectionClass);
  }
  if (outcome.inverted)
    text += QLatin1Char(' ') + tr("(Its contrast was turned to match the generator's images.)");
  result_->setText(text);
}

void ProjectionPad::showFailure(const QString& message) {
  setBusy(false);
  result_->setText(tr("Cannot project: %1").arg(message));
}

QString ProjectionPad::result() const { return result_->text(); }

}  // namespace ui
