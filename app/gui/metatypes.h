// Model values that cross threads in queued signals, as values (never as YAML or files): the
// configuration, image batches, steering requests, the quality meter's requests and scores.
#pragma once

#include <QMetaType>

#include "model/config/config.h"
#include "model/io/images.h"
#include "model/metrics/quality_request.h"
#include "model/metrics/quality_scores.h"
#include "model/runs/control_channel.h"

Q_DECLARE_METATYPE(gs::RunConfig)
Q_DECLARE_METATYPE(gs::ImageBatch)
Q_DECLARE_METATYPE(gs::ControlRequest)
Q_DECLARE_METATYPE(gs::QualityRequest)
Q_DECLARE_METATYPE(gs::QualityScores)

namespace app {

// Registers every type the window's queued connections carry (idempotent).
void registerMetaTypes();

}  // namespace app
