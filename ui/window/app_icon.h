// The application icon, painted (no SVG plugin needed): three digit cells above two loss curves.
#pragma once

#include <QIcon>

namespace ui {

QIcon appIcon();

}  // namespace ui
