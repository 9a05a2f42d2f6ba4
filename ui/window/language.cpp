#include "ui/window/language.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace ui {

namespace {

const char* const kSettingKey = "language";

bool translated(const QString& language) {
  return QFile::exists(QStringLiteral(":/i18n/ganstudio_%1.qm").arg(language));
}

}  // namespace

QList<QPair<QString, QString>> availableLanguages() {
  return {{QStringLiteral("system"), QCoreApplication::translate("ui::Language", "System")},
          {QStringLiteral("en"), QStringLiteral("English")},
          {QStringLiteral("ja"), QStringLiteral("日本語")}};
}

QString savedLanguage() {
  return QSettings().value(QLatin1String(kSettingKey), QStringLiteral("system")).toString();
}

void saveLanguage(const QString& language) {
  QSettings().setValue(QLatin1String(kSettingKey), language);
}

QString effectiveLanguage(const QString& setting) {
  if (setting != QLatin1String("system"))
    return translated(setting) ? setting : QStringLiteral("en");
  // The first of the system's preferred languages that has a translation.
  for (const QString& name : QLocale().uiLanguages()) {
    QString language = name.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
    if (language == QLatin1String("en")) return language;
    if (translated(language)) return language;
  }
  return QStringLiteral("en");
}

QString installTranslations(QCoreApplication* application, const QString& setting) {
  QString language = effectiveLanguage(setting);
  if (language == QLatin1String("en")) return language;
  auto* ours = new QTranslator(application);
  if (ours->load(QStringLiteral(":/i18n/ganstudio_%1.qm").arg(language))) {
    QCoreApplication::installTranslator(ours);
  }
  auto* qt = new QTranslator(application);
  if (qt->load(QStringLiteral("qtbase_%1").arg(language),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
  }
  QLocale::setDefault(QLocale(language));
  return language;
}

}  // namespace ui
