#include "ui/window/status_line.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <cmath>

#include "model/core/limits.h"

namespace ui {

StatusLine::StatusLine(QWidget* parent)
    : QWidget(parent),
      state_(new QLabel(this)),
      iteration_(new QLabel(this)),
      epoch_(new QLabel(this)),
      speed_(new QLabel(this)),
      eta_(new QLabel(this)),
      quality_(new QLabel(this)),
      model_(new QLabel(this)),
      device_(new QLabel(this)),
      watching_(new QLabel(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(14);
  for (QLabel* label :
       {watching_, state_, iteration_, epoch_, speed_, eta_, quality_, model_, device_})
    layout->addWidget(label);
  watching_->setVisible(false);
  // Plain text, never wrapped: a rich-text label may break Japanese between any two characters
  // and vanish when the bar is tight. The state in bold.
  for (QLabel* label :
       {watching_, state_, iteration_, epoch_, speed_, eta_, quality_, model_, device_}) {
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(false);
  }
  QFont bold = state_->font();
  bold.setBold(true);
  state_->setFont(bold);
  watching_->setToolTip(
      tr("This window follows a run that another process trains; Pause, Step, Stop and the live "
         "settings are sent to it"));
  quality_->setToolTip(qualityTip());
  state_->setToolTip(tr("Training state"));
  iteration_->setToolTip(tr("Iterations done / iterations in the run"));
  epoch_->setToolTip(tr("Passes over the data set so far"));
  speed_->setToolTip(tr("Training iterations per second"));
  eta_->setToolTip(tr("Time left at the current speed"));
  setProgress({});
  setState(TrainingState::Idle);
}

QString StatusLine::formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return tr("unknown");
  // Rounded as a person would say it, so that it never reads like a clock time.
  const qint64 total = std::llround(seconds);
  if (total >= qint64{24} * 3600) {
    const qint64 hours = (total + 1800) / 3600;
    return tr("≈ %1 d %2 h").arg(hours / 24).arg(hours % 24);
  }
  if (total >= 3600) {
    const qint64 minutes = (total + 30) / 60;
    return tr("≈ %1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
  }
  if (total >= 60) return tr("≈ %1 min").arg((total + 30) / 60);
  return tr("≈ %1 s").arg(std::max<qint64>(1, (total + 4) / 5 * 5));
}

void StatusLine::setState(TrainingState state) {
  state_->setText(stateName(state));
  state_->setToolTip(tr("Training state"));
  running_ = state == TrainingState::Running;
  // Speed and time left mean something only while it trains.
  speed_->setVisible(running_);
  eta_->setVisible(running_);
  if (state == TrainingState::Idle) {
    iteration_->clear();
    epoch_->clear();
  }
}

void StatusLine::setPending(const QString& what) {
  state_->setText(what);
  state_->setToolTip(tr("Takes effect when the current iteration ends"));
  speed_->setVisible(false);
  eta_->setVisible(false);
}

void StatusLine::setProgress(const Progress& p) {
  const QLocale locale;
  // An open-ended run (a sweep's time-limited trial) has no total to count towards.
  const bool openEnded = p.total >= gs::kMostIterations;
  iteration_->setText(
      openEnded
          ? tr("iteration %1").arg(locale.toString(p.iteration))
          : tr("iteration %1 / %2").arg(locale.toString(p.iteration), locale.toString(p.total)));
  epoch_->setText(p.epoch >= 0 ? tr("epoch %1").arg(p.epoch, 0, 'f', 2) : QString());
  if (p.iterationsPerSecond >= 1 || p.iterationsPerSecond == 0) {
    speed_->setText(tr("%1 it/s").arg(p.iterationsPerSecond, 0, 'f', 1));
  } else {
    speed_->setText(tr("%1 s/it").arg(1.0 / p.iterationsPerSecond, 0, 'f', 2));
  }
  eta_->setText(p.etaSeconds >= 0 && !openEnded ? tr("%1 left").arg(formatDuration(p.etaSeconds))
                                                : QString());
}

namespace {

// A long field (a model with every option, a GPU's name) is cut short with "…", its whole text in
// the tooltip: the status message beside the fields keeps room on a laptop.
constexpr int kLongestField = 200;

void setShortened(QLabel* label, const QString& text, const QString& what) {
  const QString shown = label->fontMetrics().elidedText(text, Qt::ElideRight, kLongestField);
  label->setText(shown);
  label->setToolTip(shown == text ? what : what + QLatin1Char('\n') + text);
}

}  // namespace

void StatusLine::setDevice(const QString& device) {
  setShortened(device_, device, tr("Where training runs"));
}

void StatusLine::setModel(const QString& model) {
  modelText_ = model;
  setShortened(model_, model, tr("The networks and the loss this run trains with"));
}

QString StatusLine::model() const { return modelText_; }

void StatusLine::setQuality(const QualityPoint& p) {
  QString text = p.classes > 0 ? tr("FD %1 · %2/%3 classes")
                                     .arg(p.fd, 0, 'f', p.fd < 100 ? 2 : 0)
                                     .arg(p.classesCovered)
                                     .arg(p.classes)
                               : tr("FD %1").arg(p.fd, 0, 'f', p.fd < 100 ? 2 : 0);
  if (p.conditionalAccuracy >= 0) {
    text += tr(" · %1% as asked").arg(100 * p.conditionalAccuracy, 0, 'f', 1);
  }
  quality_->setText(text);
  QString tip = qualityTip();
  if (!p.histogram.isEmpty()) {
    QStringList shares;
    const bool named = classNames_.size() == p.histogram.size();
    for (int c = 0; c < p.histogram.size(); ++c) {
      shares << tr("%1 %2%")
                    .arg(named ? classNames_[c] : QString::number(c))
                    .arg(100 * p.histogram[c], 0, 'f', 0);
    }
    tip += tr("\nSamples per class: %1").arg(shares.join(QStringLiteral(" · ")));
  }
  if (p.memorised >= 0) {
    tip += tr("\nCopies of training images: %1% of the samples (about 1% for new images)")
               .arg(100 * p.memorised, 0, 'f', 1);
  }
  quality_->setToolTip(tip);
}

QString StatusLine::qualityTip() {
  return tr(
      "The quality meter's newest measurement: the distance of the samples to real images "
      "(lower is better) and the classes they cover");
}

void StatusLine::setClassNames(const QStringList& names) { classNames_ = names; }

QString StatusLine::qualityToolTip() const { return quality_->toolTip(); }

void StatusLine::clearRun() {
  for (QLabel* label : {iteration_, epoch_, speed_, eta_, quality_}) label->clear();
}

void StatusLine::setWatching(const QString& text, bool stale) {
  watching_->setVisible(!text.isEmpty());
  watching_->setText(text);
  QPalette palette = this->palette();
  if (stale) palette.setColor(QPalette::WindowText, QColor(214, 39, 40));
  watching_->setPalette(palette);
}

QString StatusLine::text() const {
  QStringList parts;
  for (QLabel* label :
       {watching_, state_, iteration_, epoch_, speed_, eta_, quality_, model_, device_}) {
    if (label->isHidden() || label->text().isEmpty()) continue;
    parts << label->text();
  }
  return parts.join(QStringLiteral(" | "));
}

}  // namespace ui
