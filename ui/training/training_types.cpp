#include "ui/training/training_types.h"

#include <QCoreApplication>

namespace ui {

QString stateName(TrainingState state) {
  switch (state) {
    case TrainingState::Idle:
      return QCoreApplication::translate("ui", "Idle");
    case TrainingState::Running:
      return QCoreApplication::translate("ui", "Running");
    case TrainingState::Paused:
      return QCoreApplication::translate("ui", "Paused");
    case TrainingState::Finished:
      return QCoreApplication::translate("ui", "Finished");
    case TrainingState::Stopped:
      return QCoreApplication::translate("ui", "Stopped");
    case TrainingState::Interrupted:
      return QCoreApplication::translate("ui", "Interrupted");
    case TrainingState::Diverged:
      return QCoreApplication::translate("ui", "Diverged");
    case TrainingState::Failed:
      return QCoreApplication::translate("ui", "Failed");
  }
  return {};
}

QString liveChangeLabel(const LiveChange& change) {
  QStringList parts;
  for (const LiveSetting& setting : change.settings) {
    const QString name = setting.label.isEmpty() ? setting.key : setting.label;
    parts << (setting.value.isEmpty() ? QCoreApplication::translate("ui", "%1 unset").arg(name)
                                      : QStringLiteral("%1 %2").arg(name, setting.value));
  }
  return parts.join(QStringLiteral(", "));
}

}  // namespace ui
