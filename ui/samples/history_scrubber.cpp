#include "ui/samples/history_scrubber.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolButton>
#include <algorithm>

#include "ui/theme/theme.h"

namespace ui {

namespace {

constexpr int kFrameMs = 120;           // the animation: about 8 grids a second
constexpr int kShortestTimeline = 160;  // pixels: below this the timeline takes a row of its own

// A slider that marks the checkpoints under its groove.
class TimelineSlider : public QSlider {
 public:
  explicit TimelineSlider(const QVector<qint64>* grids, const QVector<qint64>* checkpoints,
                          QWidget* parent)
      : QSlider(Qt::Horizontal, parent), grids_(grids), checkpoints_(checkpoints) {
    setMinimumHeight(26);
  }

 protected:
  // A click on the track jumps there (a page at a time is no way to find a grid), and the handle,
  // now under the mouse, drags on from there.
  void mousePressEvent(QMouseEvent* event) override {
    if (event->button() == Qt::LeftButton && maximum() > minimum()) {
      QStyleOptionSlider option;
      initStyleOption(&option);
      const QRect handle =
          style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
      if (!handle.contains(event->position().toPoint())) {
        const QRect groove =
            style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
        const int span = groove.width() - handle.width();
        const int x = event->position().toPoint().x() - groove.left() - handle.width() / 2;
        setValue(QStyle::sliderValueFromPosition(minimum(), maximum(), x, span, false));
      }
    }
    QSlider::mousePressEvent(event);
  }

  void paintEvent(QPaintEvent* event) override {
    QSlider::paintEvent(event);
    if (grids_->size() < 2 || checkpoints_->isEmpty()) return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const QRect handle =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    const int left = groove.left() + handle.width() / 2;
    const int span = groove.width() - handle.width();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    for (const qint64 checkpoint : *checkpoints_) {
      // The checkpoint sits at the grid index nearest its iteration.
      const auto at = std::lower_bound(grids_->begin(), grids_->end(), checkpoint);
      const int index =
          static_cast<int>(std::min<qsizetype>(at - grids_->begin(), grids_->size() - 1));
      const double x = left + span * index / double(grids_->size() - 1);
      const QPointF mark[3] = {
          {x, double(height() - 7)}, {x - 4, double(height() - 1)}, {x + 4, double(height() - 1)}};
      painter.drawPolygon(mark, 3);
    }
  }

 private:
  const QVector<qint64>* grids_;
  const QVector<qint64>* checkpoints_;
};

}  // namespace

HistoryScrubber::HistoryScrubber(QWidget* parent)
    : QWidget(parent),
      slider_(new TimelineSlider(&grids_, &checkpoints_, this)),
      playButton_(new QToolButton(this)),
      branchButton_(new QToolButton(this)),
      label_(new QLabel(this)) {
  setFocusPolicy(Qt::StrongFocus);
  slider_->setFocusPolicy(Qt::NoFocus);  // the keys go to the scrubber itself
  slider_->setToolTip(
      tr("Every grid the run drew: drag, or use the arrow keys, Home and End; the marks are "
         "checkpoints"));
  playButton_->setIcon(paletteIcon(QStyle::SP_MediaPlay, palette()));
  playButton_->setToolTip(tr("Play the grids as an animation"));
  playButton_->setCheckable(true);
  label_->setMinimumWidth(fontMetrics().horizontalAdvance(tr("iteration 999,999 (live)")));
  layout_ = new QGridLayout(this);
  layout_->setContentsMargins(2, 0, 2, 0);
  arrange(false);
  branchButton_->setText(tr("&Branch from Here…"));
  branchButton_->setToolTip(
      tr("Start a new run from the newest checkpoint at or before this grid, with settings you "
         "may change first; the run shown is never written"));
  connect(branchButton_, &QToolButton::clicked, this, [this] {
    const qint64 at = checkpointAtOrBefore(current());
    if (at > 0) Q_EMIT branchRequested(at);
  });
  connect(slider_, &QSlider::valueChanged, this, [this](int value) {
    if (!updating_) moveTo(value, true);
  });
  connect(playButton_, &QToolButton::toggled, this, &HistoryScrubber::play);
  timer_.setInterval(kFrameMs);
  connect(&timer_, &QTimer::timeout, this, [this] {
    if (index_ + 1 >= grids_.size()) {
      play(false);
      return;
    }
    moveTo(index_ + 1, true);
  });
  clear();
}

void HistoryScrubber::clear() {
  play(false);
  grids_.clear();
  checkpoints_.clear();
  index_ = -1;
  following_ = true;
  updating_ = true;
  slider_->setRange(0, 0);
  updating_ = false;
  slider_->setEnabled(false);
  updateLabel();
}

void HistoryScrubber::setHistory(const QVector<qint64>& grids, const QVector<qint64>& checkpoints) {
  clear();
  grids_ = grids;
  std::sort(grids_.begin(), grids_.end());
  checkpoints_ = checkpoints;
  std::sort(checkpoints_.begin(), checkpoints_.end());
  updating_ = true;
  slider_->setRange(0, std::max(0, static_cast<int>(grids_.size()) - 1));
  slider_->setValue(slider_->maximum());
  updating_ = false;
  index_ = grids_.isEmpty() ? -1 : static_cast<int>(grids_.size()) - 1;
  slider_->setEnabled(grids_.size() > 1);
  updateLabel();
  update();
}

void HistoryScrubber::addGrid(qint64 iteration) {
  if (!grids_.isEmpty() && iteration <= grids_.back()) return;
  grids_.append(iteration);
  updating_ = true;
  slider_->setRange(0, static_cast<int>(grids_.size()) - 1);
  if (following_) {
    index_ = static_cast<int>(grids_.size()) - 1;
    slider_->setValue(index_);
  }
  updating_ = false;
  slider_->setEnabled(grids_.size() > 1);
  updateLabel();
}

void HistoryScrubber::setCheckpoints(const QVector<qint64>& checkpoints) {
  checkpoints_ = checkpoints;
  std::sort(checkpoints_.begin(), checkpoints_.end());
  slider_->update();
  updateLabel();
}

qint64 HistoryScrubber::current() const { return index_ >= 0 ? grids_.value(index_, -1) : -1; }

void HistoryScrubber::showIteration(qint64 iteration) {
  if (grids_.isEmpty()) return;
  const auto after = std::upper_bound(grids_.begin(), grids_.end(), iteration);
  moveTo(std::max(0, static_cast<int>(after - grids_.begin()) - 1), true);
}

void HistoryScrubber::play(bool on) {
  if (on && grids_.size() < 2) on = false;
  if (on && index_ + 1 >= grids_.size()) moveTo(0, true);  // from the start again
  on ? timer_.start() : timer_.stop();
  playButton_->blockSignals(true);
  playButton_->setChecked(on);
  playButton_->blockSignals(false);
  playButton_->setIcon(
      paletteIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay, playButton_->palette()));
}

void HistoryScrubber::arrange(bool twoRows) {
  // One row when there is room; in a narrow column the timeline gets a row of its own, so that
  // it never shrinks to a stub beside the label and the button.
  twoRows_ = twoRows;
  for (QWidget* widget : {static_cast<QWidget*>(playButton_), static_cast<QWidget*>(slider_),
                          static_cast<QWidget*>(label_), static_cast<QWidget*>(branchButton_)})
    layout_->removeWidget(widget);
  for (int column = 0; column < 4; ++column) layout_->setColumnStretch(column, 0);
  if (twoRows) {
    layout_->addWidget(slider_, 0, 0, 1, 4);
    layout_->addWidget(playButton_, 1, 0);
    layout_->addWidget(label_, 1, 1);
    layout_->addWidget(branchButton_, 1, 3);
    layout_->setColumnStretch(2, 1);
  } else {
    layout_->addWidget(playButton_, 0, 0);
    layout_->addWidget(slider_, 0, 1);
    layout_->addWidget(label_, 0, 2);
    layout_->addWidget(branchButton_, 0, 3);
    layout_->setColumnStretch(1, 1);
  }
}

void HistoryScrubber::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  const int oneRow = playButton_->sizeHint().width() + label_->minimumWidth() +
                     branchButton_->sizeHint().width() + kShortestTimeline + 24;
  const bool twoRows = event->size().width() < oneRow;
  if (twoRows != twoRows_) arrange(twoRows);
}

void HistoryScrubber::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange)  // the theme: the play glyph in its text colour
    playButton_->setIcon(paletteIcon(playing() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay,
                                     playButton_->palette()));
  QWidget::changeEvent(event);
}

void HistoryScrubber::moveTo(int index, bool byPerson) {
  if (grids_.isEmpty()) return;
  index = std::clamp(index, 0, static_cast<int>(grids_.size()) - 1);
  const bool changed = index != index_;
  index_ = index;
  updating_ = true;
  slider_->setValue(index);
  updating_ = false;
  const bool follow = index == grids_.size() - 1;
  if (follow != following_) {
    following_ = follow;
    Q_EMIT followingChanged(follow);
  }
  updateLabel();
  if (changed || byPerson) Q_EMIT iterationChosen(grids_[index]);
}

void HistoryScrubber::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Left:
      moveTo(index_ - 1, true);
      break;
    case Qt::Key_Right:
      moveTo(index_ + 1, true);
      break;
    case Qt::Key_Home:
      moveTo(0, true);
      break;
    case Qt::Key_End:
      moveTo(static_cast<int>(grids_.size()) - 1, true);
      break;
    default:
      QWidget::keyPressEvent(event);
      return;
  }
  event->accept();
}

qint64 HistoryScrubber::checkpointAtOrBefore(qint64 iteration) const {
  qint64 best = -1;
  for (const qint64 c : checkpoints_)
    if (c <= iteration) best = std::max(best, c);
  return best;
}

void HistoryScrubber::updateLabel() {
  branchButton_->setEnabled(checkpointAtOrBefore(current()) > 0);
  if (index_ < 0) {
    label_->setText(tr("no grids yet"));
    return;
  }
  const QString iteration = QLocale().toString(grids_[index_]);
  label_->setText(following_ ? tr("iteration %1 (newest)").arg(iteration)
                             : tr("iteration %1").arg(iteration));
}

}  // namespace ui
