// The run's history under the sample grid: a timeline of every grid the run drew (one tick per
// grid, checkpoints marked), dragged with the mouse or moved with the arrow keys, Home and End,
// or played as an animation. While it is at the newest grid it follows the run as new grids come;
// scrubbing back stops following until End (or the last tick) is reached again.
//
// It knows iterations only: the app loads the grid of the chosen iteration (samples/iter_N.png)
// and puts it in the grid view.
#pragma once

#include <QTimer>
#include <QVector>
#include <QWidget>

class QGridLayout;
class QLabel;
class QSlider;
class QToolButton;

namespace ui {

class HistoryScrubber : public QWidget {
  Q_OBJECT

 public:
  explicit HistoryScrubber(QWidget* parent = nullptr);

  // All the grids and checkpoints of a run (an opened or resumed run), newest last.
  void setHistory(const QVector<qint64>& grids, const QVector<qint64>& checkpoints);
  // A new grid of the live run.
  void addGrid(qint64 iteration);
  // The checkpoints the run folder holds now (a new one written, older ones pruned).
  void setCheckpoints(const QVector<qint64>& checkpoints);
  void clear();

  QVector<qint64> grids() const { return grids_; }
  QVector<qint64> checkpoints() const { return checkpoints_; }
  // The iteration shown (-1: none).
  qint64 current() const;
  bool following() const { return following_; }
  bool playing() const { return timer_.isActive(); }
  void showIteration(qint64 iteration);  // the nearest grid at or before it
  void play(bool on);

 Q_SIGNALS:
  // The grid of this iteration should be shown (not emitted while following a live run: the app
  // shows new grids as they come).
  void iterationChosen(qint64 iteration);
  void followingChanged(bool following);
  // "Branch from Here": the newest checkpoint at or before the grid shown.
  void branchRequested(qint64 checkpointIteration);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void moveTo(int index, bool byPerson);
  void updateLabel();
  void arrange(bool twoRows);
  qint64 checkpointAtOrBefore(qint64 iteration) const;

  QVector<qint64> grids_;
  QVector<qint64> checkpoints_;
  int index_ = -1;
  bool following_ = true;
  bool updating_ = false;
  QGridLayout* layout_ = nullptr;
  bool twoRows_ = false;
  QSlider* slider_;
  QToolButton* playButton_;
  QToolButton* branchButton_;
  QLabel* label_;
  QTimer timer_;
};

}  // namespace ui
