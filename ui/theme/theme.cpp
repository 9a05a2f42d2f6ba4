#include "ui/theme/theme.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>

namespace ui {

namespace {

// What the application started with: "System" goes back to it.
struct Original {
  QString style;
  QPalette palette;
  bool saved = false;
};

Original& original() {
  static Original o;
  if (!o.saved && qApp) {
    o.style = QApplication::style()->name();
    o.palette = QApplication::palette();
    o.saved = true;
  }
  return o;
}

}  // namespace

QString themeKey(Theme theme) {
  switch (theme) {
    case Theme::Light:
      return QStringLiteral("light");
    case Theme::Dark:
      return QStringLiteral("dark");
    case Theme::System:
      break;
  }
  return QStringLiteral("system");
}

Theme themeFromKey(const QString& key) {
  if (key == QLatin1String("light")) return Theme::Light;
  if (key == QLatin1String("dark")) return Theme::Dark;
  return Theme::System;
}

QPalette darkPalette() {
  QPalette p;
  const QColor window(45, 45, 48);
  const QColor base(30, 30, 32);
  const QColor text(225, 225, 225);
  const QColor disabled(125, 125, 125);
  const QColor highlight(58, 120, 200);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(52, 52, 56));
  p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(255, 90, 90));
  p.setColor(QPalette::Link, QColor(110, 170, 255));
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Light, QColor(70, 70, 74));
  p.setColor(QPalette::Midlight, QColor(60, 60, 64));
  p.setColor(QPalette::Mid, QColor(38, 38, 40));
  p.setColor(QPalette::Dark, QColor(25, 25, 27));
  p.setColor(QPalette::Shadow, Qt::black);
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  p.setColor(QPalette::Disabled, QPalette::Base, window);
  p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
  return p;
}

void applyTheme(Theme theme) {
  const Original& start = original();
  switch (theme) {
    case Theme::System:
      QApplication::setStyle(QStyleFactory::create(start.style));
      QApplication::setPalette(start.palette);
      break;
    case Theme::Light:
      QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
      QApplication::setPalette(QApplication::style()->standardPalette());
      break;
    case Theme::Dark:
      QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
      QApplication::setPalette(darkPalette());
      break;
  }
  // A theme of GanStudio's own: the file choosers are Qt's, in its colours (a desktop's native
  // chooser would stay light in the dark theme). The system theme keeps the native ones.
  QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs, theme != Theme::System);
}

QIcon paletteIcon(QStyle::StandardPixmap which, const QPalette& palette) {
  // The style's glyph in the palette's text colour (Fusion draws its media glyphs dark, which
  // vanish on a dark toolbar); greyed for the disabled state.
  const QIcon source = QApplication::style()->standardIcon(which);
  QIcon icon;
  for (const int side : {16, 24, 32, 48}) {
    const QPixmap glyph = source.pixmap(QSize(side, side));
    if (glyph.isNull()) continue;
    for (const auto& [mode, group] : {std::pair{QIcon::Normal, QPalette::Active},
                                      std::pair{QIcon::Disabled, QPalette::Disabled}}) {
      QPixmap tinted(glyph.size());
      tinted.setDevicePixelRatio(glyph.devicePixelRatio());
      tinted.fill(Qt::transparent);
      QPainter painter(&tinted);
      painter.drawPixmap(0, 0, glyph);
      painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
      painter.fillRect(tinted.rect(), palette.color(group, QPalette::ButtonText));
      painter.end();
      icon.addPixmap(tinted, mode);
    }
  }
  return icon;
}

bool isDarkPalette(const QPalette& palette) {
  return palette.color(QPalette::Window).lightness() < 128;
}

QString warningStyleSheet(const QPalette& palette) {
  return isDarkPalette(palette)
             ? QStringLiteral(
                   "color: #f0c060; background: #3d3320; padding: 4px; border-radius: 3px;")
             : QStringLiteral(
                   "color: #8a5a00; background: #fff6df; padding: 4px; border-radius: 3px;");
}

QColor errorTextColor(const QPalette& palette) {
  return isDarkPalette(palette) ? QColor(255, 120, 120) : QColor(0xcc, 0x22, 0x22);
}

}  // namespace ui

namespace ui {

QColor warningTextColor(const QPalette& palette) {
  return isDarkPalette(palette) ? QColor(240, 190, 90) : QColor(0x9a, 0x60, 0x00);
}

}  // namespace ui
