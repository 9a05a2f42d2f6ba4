// Between the window's form (keys and texts) and the model's RunConfig: the form's rows, the
// validation, the advice, what an empty field stands for and the length both ways all come from
// the configuration's field table (model/config/settings.h), translated.
#pragma once

#include <QString>

#include "model/config/config.h"
#include "ui/training/config_form.h"

namespace app {

// The form's rows and the callbacks it uses; `cuda` says whether "auto" means a GPU here.
ui::FormServices makeFormServices(bool cuda);

ui::FormValues toFormValues(const gs::RunConfig& config);

// Builds a configuration from the form; on a bad value returns false with `error` naming the key.
bool fromFormValues(const ui::FormValues& values, gs::RunConfig* config, QString* error);

// The devices the form offers: automatic, CPU and each visible CUDA device.
QList<QPair<QString, QString>> deviceChoices();

}  // namespace app
