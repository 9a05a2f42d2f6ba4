#include "app/gui/metatypes.h"

#include "app/gui/run/training_worker.h"
#include "ui/explorer/look_inside.h"
#include "ui/explorer/nearest_images_dialog.h"
#include "ui/explorer/projection_pad.h"
#include "ui/training/training_types.h"

namespace app {

void registerMetaTypes() {
  qRegisterMetaType<ui::TrainingState>();
  qRegisterMetaType<ui::MetricPoint>();
  qRegisterMetaType<ui::LiveChange>();
  qRegisterMetaType<ui::Progress>();
  qRegisterMetaType<ui::QualityPoint>();
  qRegisterMetaType<ui::ScorePoint>();
  qRegisterMetaType<ui::NearestImages>();
  qRegisterMetaType<ui::SaliencyMap>();
  qRegisterMetaType<ui::LayerImages>();
  qRegisterMetaType<QVector<ui::LayerImages>>();
  qRegisterMetaType<ui::ProjectionOutcome>();
  qRegisterMetaType<QVector<ui::ScorePoint>>();
  qRegisterMetaType<ui::HealthNotice>();
  qRegisterMetaType<ui::HealthAction>();
  qRegisterMetaType<QVector<ui::MetricPoint>>();
  qRegisterMetaType<QVector<ui::LiveChange>>();
  qRegisterMetaType<QVector<ui::QualityPoint>>();
  qRegisterMetaType<QVector<ui::HealthNotice>>();
  qRegisterMetaType<app::RunInfo>();
  qRegisterMetaType<gs::RunConfig>();
  qRegisterMetaType<gs::ImageBatch>();
  qRegisterMetaType<gs::ControlRequest>();
  qRegisterMetaType<gs::QualityRequest>();
  qRegisterMetaType<gs::QualityScores>();
}

}  // namespace app
