// Model values that cross threads in queued signals (the quality meter's requests and scores).
#pragma once

#include <QMetaType>

#include "model/quality/quality_meter.h"
#include "model/metrics/quality_scores.h"

Q_DECLARE_METATYPE(gs::QualityRequest)
Q_DECLARE_METATYPE(gs::QualityScores)

namespace app {

// Registers every type the window's queued connections carry (idempotent).
void registerMetaTypes();

}  // namespace app
