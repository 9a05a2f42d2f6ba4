// The health monitor's warnings as a non-modal banner above the charts: a title, what was measured,
// why it matters, what to do, and a button for the suggested action where one fits. Newer warnings
// queue behind the one shown; Dismiss shows the next.
#pragma once

#include <QFrame>
#include <QList>

#include "ui/training/training_types.h"

class QLabel;
class QPushButton;

namespace ui {

class HealthBanner : public QFrame {
  Q_OBJECT

 public:
  explicit HealthBanner(QWidget* parent = nullptr);

  void addNotice(const HealthNotice& notice);
  void clear();
  // The notice shown (the banner is hidden when there is none).
  bool hasNotice() const { return !queue_.isEmpty(); }
  const HealthNotice& notice() const { return queue_.front(); }
  int waiting() const { return queue_.size(); }
  QPushButton* actionButton() const { return action_; }

  // The button's text for an action ("Roll back with half the learning rates").
  static QString actionText(HealthAction action);

 Q_SIGNALS:
  void actionRequested(ui::HealthAction action);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void applyColours();
  int styledDark_ = -1;  // the style sheet in use: 0 light, 1 dark
  void showFront();
  void dismiss();

  QList<HealthNotice> queue_;
  QLabel* title_;
  QLabel* body_;
  QPushButton* action_;
  QPushButton* dismiss_;
};

}  // namespace ui
