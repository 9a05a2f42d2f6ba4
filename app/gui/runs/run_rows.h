// The runs panel's rows from what the model read in the folders: a run, and a sweep with its
// trials (the panel is torch-free and knows no gs:: types).
#pragma once

#include "model/runs/run_catalog.h"
#include "model/sweeps/sweep_catalog.h"
#include "ui/runs/run_row.h"
#include "ui/sweeps/sweep_data.h"

namespace app {

ui::RunRow toRunRow(const gs::RunSummary& run);
ui::SweepData toSweepData(const gs::SweepSummary& sweep);

}  // namespace app
