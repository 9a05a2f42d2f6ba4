#include "ui/window/status_line.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <cmath>

namespace ui {

StatusLine::StatusLine(QWidget* parent)
    : QWidget(parent),
      state_(new QLabel(this)),
      iteration_(new QLabel(this)),
      epoch_(new QLabel(this)),
      speed_(new QLabel(this)),
      eta_(new QLabel(this)),
      quality_(new QLabel(this)),
      device_(new QLabel(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(14);
  for (QLabel* label : {state_, iteration_, epoch_, speed_, eta_, quality_, device_})
    layout->addWidget(label);
  quality_->setToolTip(
      tr("The quality meter's newest measurement: the distance of the samples to real images "
         "(lower is better) and the classes they cover"));
  state_->setToolTip(tr("Training state"));
  iteration_->setToolTip(tr("Iterations done / iterations in the run"));
  epoch_->setToolTip(tr("Passes over the data set so far"));
  speed_->setToolTip(tr("Training iterations per second"));
  eta_->setToolTip(tr("Time left at the current speed"));
  device_->setToolTip(tr("Where training runs"));
  setState(TrainingState::Idle);
  setProgress({});
}

QString StatusLine::formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("--:--");
  const qint64 total = std::llround(seconds);
  if (total >= 3600) {
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
  }
  return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

void StatusLine::setState(TrainingState state) {
  state_->setText(QStringLiteral("<b>%1</b>").arg(stateName(state)));
}

void StatusLine::setProgress(const Progress& p) {
  const QLocale locale;
  iteration_->setText(
      tr("iteration %1 / %2").arg(locale.toString(p.iteration), locale.toString(p.total)));
  epoch_->setText(tr("epoch %1").arg(p.epoch, 0, 'f', 2));
  if (p.iterationsPerSecond >= 1 || p.iterationsPerSecond == 0) {
    speed_->setText(tr("%1 it/s").arg(p.iterationsPerSecond, 0, 'f', 1));
  } else {
    speed_->setText(tr("%1 s/it").arg(1.0 / p.iterationsPerSecond, 0, 'f', 2));
  }
  eta_->setText(tr("ETA %1").arg(formatDuration(p.etaSeconds)));
}

void StatusLine::setDevice(const QString& device) { device_->setText(device); }

void StatusLine::setQuality(const QualityPoint& p) {
  quality_->setText(p.classes > 0 ? tr("FD %1 · %2/%3 classes")
                                        .arg(p.fd, 0, 'f', p.fd < 100 ? 2 : 0)
                                        .arg(p.classesCovered)
                                        .arg(p.classes)
                                  : tr("FD %1").arg(p.fd, 0, 'f', p.fd < 100 ? 2 : 0));
}

void StatusLine::clearQuality() { quality_->clear(); }

QString StatusLine::text() const {
  QStringList parts;
  for (QLabel* label : {state_, iteration_, epoch_, speed_, eta_, quality_, device_}) {
    QString t = label->text();
    t.remove(QStringLiteral("<b>")).remove(QStringLiteral("</b>"));
    parts << t;
  }
  return parts.join(QStringLiteral(" | "));
}

}  // namespace ui
