#include "app/gui/config/config_controller.h"

#include <QDir>
#include <QSettings>

#include "app/gui/config/form_bridge.h"
#include "model/io/error.h"
#include "ui/training/config_form.h"
#include "ui/window/main_window.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

const char* kLastConfigKey = "lastConfiguration";

}  // namespace

ConfigController::ConfigController(ui::MainWindow* window, QObject* parent)
    : QObject(parent), window_(window), form_(window->form()) {
  connect(window_, &ui::MainWindow::openConfigRequested, this, &ConfigController::openConfig);
  connect(window_, &ui::MainWindow::saveConfigRequested, this, &ConfigController::saveConfig);
  connect(form_, &ui::ConfigForm::edited, this, &ConfigController::rememberConfig);
  restoreLastConfig();
}

void ConfigController::focusFirstInvalid() {
  const QStringList invalid = form_->invalidKeys();
  if (!invalid.isEmpty()) form_->focusKey(invalid.front());
}

bool ConfigController::currentConfig(gs::RunConfig* config, QString* error) const {
  const QStringList invalid = form_->invalidKeys();
  if (!invalid.isEmpty()) {
    if (error) {
      *error = tr("Fix the highlighted setting first: %1").arg(form_->errorText(invalid.front()));
    }
    return false;
  }
  return fromFormValues(form_->values(), config, error);
}

bool ConfigController::openConfig(const QString& path) {
  try {
    const gs::RunConfig config = gs::load_config(path.toStdString());
    form_->setValues(toFormValues(config));
    rememberConfig();
    window_->showMessage(tr("Loaded %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot open the configuration"), QString::fromUtf8(error.what()));
    return false;
  }
}

bool ConfigController::saveConfig(const QString& path) {
  gs::RunConfig config;
  QString error;
  if (!currentConfig(&config, &error)) {
    window_->showError(tr("Cannot save the configuration"), error);
    return false;
  }
  try {
    gs::save_config(config, path.toStdString());
    window_->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
  } catch (const gs::Error& e) {
    window_->showError(tr("Cannot save the configuration"), QString::fromUtf8(e.what()));
    return false;
  }
}

void ConfigController::rememberConfig() {
  gs::RunConfig config;
  if (!fromFormValues(form_->values(), &config, nullptr)) return;
  QSettings().setValue(kLastConfigKey, q(gs::to_yaml(config)));
}

void ConfigController::restoreLastConfig() {
  const QString text = QSettings().value(kLastConfigKey).toString();
  gs::RunConfig config;
  if (!text.isEmpty()) {
    try {
      config = gs::parse_config(text.toStdString(), "the last configuration");
    } catch (const gs::Error& error) {
      window_->showMessage(tr("The last configuration could not be restored: %1")
                               .arg(QString::fromUtf8(error.what())));
      config = gs::RunConfig();
    }
  }
  form_->setValues(toFormValues(config));
}

}  // namespace app
