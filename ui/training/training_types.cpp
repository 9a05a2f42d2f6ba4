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
    case TrainingState::Failed:
      return QCoreApplication::translate("ui", "Failed");
  }
  return {};
}

QString liveChangeLabel(const LiveChange& change) {
  static const QPair<const char*, const char*> names[] = {
      {"training.learning_rate_d", QT_TRANSLATE_NOOP("ui", "lr D")},
      {"training.learning_rate_g", QT_TRANSLATE_NOOP("ui", "lr G")},
      {"training.beta1", QT_TRANSLATE_NOOP("ui", "β1")},
      {"training.beta2", QT_TRANSLATE_NOOP("ui", "β2")},
      {"training.iterations", QT_TRANSLATE_NOOP("ui", "iterations")},
      {"training.epochs", QT_TRANSLATE_NOOP("ui", "epochs")},
      {"outputs.sample_every", QT_TRANSLATE_NOOP("ui", "sample every")}};
  QStringList parts;
  for (const auto& [key, value] : change.settings) {
    QString name = key;
    for (const auto& [k, label] : names) {
      if (key == QLatin1String(k)) name = QCoreApplication::translate("ui", label);
    }
    parts << (value.isEmpty() ? QCoreApplication::translate("ui", "%1 unset").arg(name)
                              : QStringLiteral("%1 %2").arg(name, value));
  }
  return parts.join(QStringLiteral(", "));
}

}  // namespace ui
