// The control for ui_includes_model.cpp: with the same flags, a ui/ file may include its own
// headers and model/core's.
#include "model/core/grid.h"
#include "ui/training/config_form.h"

int ui_includes_core_probe() { return gs::kGridColumns; }
