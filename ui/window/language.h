// The user interface's language: the system locale's, unless View → Language says otherwise (kept
// in the settings; it applies at the next start). Translations are Qt Linguist files built into
// the program (resources/i18n/ganstudio_<lang>.ts → :/i18n/ganstudio_<lang>.qm) plus Qt's own
// (qtbase_<lang>.qm from Qt's translations folder) for the standard dialogs' buttons.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QCoreApplication;

namespace ui {

// (setting, name shown in the menu): "system" first, then each language in its own name.
QList<QPair<QString, QString>> availableLanguages();
// The saved choice ("system", "en", "ja").
QString savedLanguage();
void saveLanguage(const QString& language);
// The language a setting stands for ("system": the locale's, when translated; else "en").
QString effectiveLanguage(const QString& setting);
// Installs the translators for `setting` into the application; returns the language used.
QString installTranslations(QCoreApplication* application, const QString& setting);

}  // namespace ui
