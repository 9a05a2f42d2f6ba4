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

}  // namespace ui
