#include "ui/training/health_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "ui/theme/theme.h"

namespace ui {

HealthBanner::HealthBanner(QWidget* parent)
    : QFrame(parent),
      title_(new QLabel(this)),
      body_(new QLabel(this)),
      action_(new QPushButton(this)),
      dismiss_(new QPushButton(tr("Dismiss"), this)) {
  setObjectName(QStringLiteral("healthBanner"));
  setFrameShape(QFrame::StyledPanel);
  applyColours();
  auto* icon = new QLabel(this);
  icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
  icon->setAlignment(Qt::AlignTop);
  title_->setTextFormat(Qt::PlainText);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  body_->setWordWrap(true);
  body_->setTextFormat(Qt::PlainText);
  dismiss_->setToolTip(tr("Hide this warning (it stays in health.csv and on the charts)"));
  connect(dismiss_, &QPushButton::clicked, this, &HealthBanner::dismiss);
  connect(action_, &QPushButton::clicked, this, [this] {
    if (queue_.isEmpty()) return;
    const HealthAction action = queue_.front().action;
    dismiss();
    Q_EMIT actionRequested(action);
  });
  auto* text = new QVBoxLayout;
  text->setSpacing(2);
  text->addWidget(title_);
  text->addWidget(body_);
  auto* buttons = new QVBoxLayout;
  buttons->addWidget(action_);
  buttons->addWidget(dismiss_);
  buttons->addStretch(1);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(8, 6, 8, 6);
  row->addWidget(icon);
  row->addLayout(text, 1);
  row->addLayout(buttons);
  setVisible(false);
}

void HealthBanner::applyColours() {
  // A style sheet changes the palette in turn: set it only when light and dark swap.
  const int dark = isDarkPalette(palette()) ? 1 : 0;
  if (dark == styledDark_) return;
  styledDark_ = dark;
  setStyleSheet(
      dark ? QStringLiteral("#healthBanner { background: #3d2e16; border: 1px solid #b07a25;"
                            " border-radius: 4px; } #healthBanner QLabel { color: #f3dfb8; }")
           : QStringLiteral("#healthBanner { background: #fff4e5; border: 1px solid #e8a33d;"
                            " border-radius: 4px; } #healthBanner QLabel { color: #4a3000; }"));
}

void HealthBanner::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) applyColours();
  QFrame::changeEvent(event);
}

QString HealthBanner::actionText(HealthAction action) {
  switch (action) {
    case HealthAction::RollBack:
      return tr("Roll Back, Half the Learning Rates");
    case HealthAction::HalveDLearningRate:
      return tr("Halve D's Learning Rate");
    case HealthAction::HalveGLearningRate:
      return tr("Halve G's Learning Rate");
    case HealthAction::HalveLearningRates:
      return tr("Halve Both Learning Rates");
    case HealthAction::None:
      break;
  }
  return {};
}

void HealthBanner::addNotice(const HealthNotice& notice) {
  // One notice per rule: a newer warning of a rule replaces the one waiting.
  for (HealthNotice& waiting : queue_) {
    if (waiting.rule == notice.rule) {
      waiting = notice;
      showFront();
      return;
    }
  }
  queue_.append(notice);
  showFront();
}

void HealthBanner::clear() {
  queue_.clear();
  setVisible(false);
}

void HealthBanner::showFront() {
  if (queue_.isEmpty()) {
    setVisible(false);
    return;
  }
  const HealthNotice& n = queue_.front();
  title_->setText(queue_.size() > 1 ? tr("%1 (%2 more waiting)").arg(n.title).arg(queue_.size() - 1)
                                    : n.title);
  const QString where = tr("At iteration %1: %2.").arg(QLocale().toString(n.iteration), n.detail);
  const QString paused = n.paused ? tr(" Training is paused.") : QString();
  body_->setText(where + paused + QStringLiteral("\n") + n.explanation + QStringLiteral(" ") +
                 n.advice);
  action_->setText(actionText(n.action));
  action_->setVisible(n.action != HealthAction::None);
  setVisible(true);
}

void HealthBanner::dismiss() {
  if (!queue_.isEmpty()) queue_.removeFirst();
  showFront();
}

}  // namespace ui
