// The runs table as CSV (`ganstudio-cli runs --csv`, the runs panel's Export Table…): a row a
// run with what the table shows (name, state, iterations, quality, size, parent) and then every
// setting that describes a run (the field table's keys, as config.yaml writes their values), for
// filtering and comparing in a spreadsheet.
#pragma once

#include <string>
#include <vector>

#include "model/runs/run_catalog.h"

namespace gs {

// The header and a line a run, in `runs`' order. A run whose config.yaml cannot be read has empty
// settings and says why in its "problem" column.
std::string runs_csv(const std::vector<RunSummary>& runs);

}  // namespace gs
