// Help → Getting Started and Help → Keyboard Shortcuts: their texts, as HTML.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace ui {

QString gettingStartedHtml();
// rows: (key sequence, what it does), from the window's actions; the form's own keys are added.
QString shortcutsHtml(QList<QPair<QString, QString>> rows);

}  // namespace ui
