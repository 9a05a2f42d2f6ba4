// Compiled by tests/layering/check_ui_includes.cmake with a ui/ file's own flags: it must fail,
// because ui/ sees model/core and nothing else of the model library.
#include "model/config/config.h"
