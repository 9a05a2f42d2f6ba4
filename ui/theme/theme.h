// The window's colour scheme: follow the system, or light, or dark (View → Theme). Qt 6.4 (Debian
// 12) has no QStyleHints::colorScheme, so "System" keeps the platform's own palette and style, and
// whether it is dark is read from that palette; Light and Dark use Fusion with a palette of their
// own. Panels that draw colours themselves (charts, notes) follow QEvent::PaletteChange.
#pragma once

#include <QIcon>
#include <QPalette>
#include <QString>
#include <QStyle>

namespace ui {

enum class Theme { System, Light, Dark };

QString themeKey(Theme theme);           // "system", "light", "dark" (settings)
Theme themeFromKey(const QString& key);  // unknown keys: System
void applyTheme(Theme theme);            // to the whole application
bool isDarkPalette(const QPalette& palette);
QPalette darkPalette();
// A standard icon drawn in the palette's button text colour: seen on light and dark toolbars.
QIcon paletteIcon(QStyle::StandardPixmap which, const QPalette& palette);

// Colours for notes drawn on the palette's background: a warning's text and background, an error's
// text.
QString warningStyleSheet(const QPalette& palette);
QColor errorTextColor(const QPalette& palette);
QColor warningTextColor(const QPalette& palette);

}  // namespace ui
