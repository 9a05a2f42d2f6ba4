// The training images nearest to a sample, in the quality meter's feature space: the sample, its
// nearest images with their distances, and what the distances mean (how close a new image of the
// data's kind comes, how close a copy is). Answers "does G just copy its training data?" for one
// sample. Not modal: it stays open beside the explorer and shows the next sample asked for.
#pragma once

#include <QDialog>
#include <QImage>
#include <QMetaType>
#include <QVector>

class QLabel;
class QGridLayout;

namespace ui {

struct NearestImages {
  QImage sample;
  QVector<QImage> images;  // nearest first
  QVector<double> distances;
  QVector<qint64> indices;  // in the data set
  double typical = 0;       // a held-out image's median distance to its nearest
  double threshold = 0;     // closer than this counts as a copy (the memorisation figure's)
};

class NearestImagesDialog : public QDialog {
  Q_OBJECT

 public:
  explicit NearestImagesDialog(QWidget* parent = nullptr);

  // While the meter prepares (the first time: every image of the data set through its classifier).
  void showSearching();
  void showNearest(const NearestImages& nearest);
  void showFailure(const QString& message);

  // For tests: the verdict sentence and the images shown.
  QString verdict() const;
  int imageCount() const { return shown_; }

 private:
  QLabel* sample_;
  QGridLayout* grid_;
  QLabel* verdict_;
  QVector<QLabel*> cells_;
  int shown_ = 0;
};

}  // namespace ui

Q_DECLARE_METATYPE(ui::NearestImages)
