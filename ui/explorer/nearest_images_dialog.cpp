#include "ui/explorer/nearest_images_dialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QVBoxLayout>

namespace ui {

namespace {

constexpr int kShownSide = 112;  // pixels of each image on screen (4x a digit)

QPixmap enlarged(const QImage& image) {
  if (image.isNull()) return {};
  return QPixmap::fromImage(image.scaled(kShownSide, kShownSide, Qt::KeepAspectRatio,
                                         Qt::FastTransformation));  // crisp pixels
}

}  // namespace

NearestImagesDialog::NearestImagesDialog(QWidget* parent)
    : QDialog(parent),
      sample_(new QLabel(this)),
      grid_(new QGridLayout),
      verdict_(new QLabel(this)) {
  setWindowTitle(tr("Nearest Training Images"));
  setModal(false);
  sample_->setFixedSize(kShownSide, kShownSide);
  sample_->setAlignment(Qt::AlignCenter);
  sample_->setToolTip(tr("The sample: the explorer's image"));
  verdict_->setWordWrap(true);
  verdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* top = new QHBoxLayout;
  auto* sampleColumn = new QVBoxLayout;
  sampleColumn->addWidget(new QLabel(tr("Sample"), this));
  sampleColumn->addWidget(sample_);
  sampleColumn->addStretch(1);
  top->addLayout(sampleColumn);
  top->addSpacing(16);
  top->addLayout(grid_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(verdict_);
  layout->addWidget(buttons);
}

void NearestImagesDialog::showSearching() {
  verdict_->setText(
      tr("Looking for the nearest training images… (the first time, every image of the data set "
         "goes through the quality meter's classifier once)"));
}

void NearestImagesDialog::showFailure(const QString& message) {
  verdict_->setText(tr("Could not find the nearest training images: %1").arg(message));
}

void NearestImagesDialog::showNearest(const NearestImages& nearest) {
  sample_->setPixmap(enlarged(nearest.sample));
  for (QLabel* cell : cells_) cell->deleteLater();
  cells_.clear();
  const QLocale locale;
  for (int i = 0; i < nearest.images.size(); ++i) {
    auto* image = new QLabel(this);
    image->setFixedSize(kShownSide, kShownSide);
    image->setAlignment(Qt::AlignCenter);
    image->setPixmap(enlarged(nearest.images[i]));
    image->setToolTip(
        tr("Image %1 of the data set").arg(locale.toString(nearest.indices.value(i))));
    auto* caption = new QLabel(
        tr("distance %1").arg(locale.toString(nearest.distances.value(i), 'f', 2)), this);
    caption->setAlignment(Qt::AlignHCenter);
    grid_->addWidget(image, 0, i);
    grid_->addWidget(caption, 1, i);
    cells_ << image << caption;
  }
  shown_ = nearest.images.size();
  const double closest = nearest.distances.value(0, 0);
  QString verdict =
      tr("The nearest training image is %1 away. A new image of the data's kind typically comes "
         "%2 close to one; closer than %3 counts as a copy.")
          .arg(locale.toString(closest, 'f', 2), locale.toString(nearest.typical, 'f', 2),
               locale.toString(nearest.threshold, 'f', 2));
  verdict += QLatin1Char(' ') + (closest < nearest.threshold
                                     ? tr("This sample looks like a copy of a training image.")
                                     : tr("This sample is no copy."));
  verdict_->setText(verdict);
}

QString NearestImagesDialog::verdict() const { return verdict_->text(); }

}  // namespace ui
