#include "ui/window/notice_bar.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace ui {

void NoticeBar::dismiss() {
  hideTimer_.stop();
  hide();
}

QString folderToReveal(const QString& path) {
  const QFileInfo info(path);
  return info.isDir() ? info.absoluteFilePath() : info.absolutePath();
}

NoticeBar::NoticeBar(QWidget* parent)
    : QWidget(parent),
      text_(new QLabel(this)),
      reveal_(new QPushButton(tr("Show in &Folder"), this)) {
  setAutoFillBackground(true);
  setBackgroundRole(QPalette::AlternateBase);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 4, 4);
  text_->setWordWrap(true);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* close = new QToolButton(this);
  close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
  close->setAutoRaise(true);
  close->setToolTip(tr("Close this notice"));
  layout->addWidget(text_, 1);
  layout->addWidget(reveal_);
  layout->addWidget(close);
  reveal_->setToolTip(tr("Open the folder in the file manager"));
  connect(reveal_, &QPushButton::clicked, this,
          [this] { Q_EMIT revealRequested(folderToReveal(path_)); });
  connect(close, &QToolButton::clicked, this, &QWidget::hide);
  hideTimer_.setSingleShot(true);
  connect(&hideTimer_, &QTimer::timeout, this, &QWidget::hide);
  hide();
}

void NoticeBar::showNotice(const QString& text, const QString& path, int timeoutMs) {
  text_->setText(text);
  path_ = path;
  reveal_->setVisible(!path.isEmpty());
  show();
  if (timeoutMs > 0) {
    hideTimer_.start(timeoutMs);
  } else {
    hideTimer_.stop();
  }
}

QString NoticeBar::text() const { return text_->text(); }

}  // namespace ui
