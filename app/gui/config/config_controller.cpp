#include "app/gui/config/config_controller.h"

#include <QDir>
#include <QSettings>

#include "app/gui/config/form_bridge.h"
#include "model/data/image_set.h"
#include "model/io/error.h"
#include "ui/training/config_form.h"
#include "ui/window/main_window.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

const char* kLastConfigKey = "lastConfiguration";

}  // namespace

ConfigController::ConfigController(ui::MainWindow* window, QObject* parent)
    : QObject(parent), window_(window) {
  connect(window_, &ui::MainWindow::openConfigRequested, this, &ConfigController::openConfig);
  connect(window_, &ui::MainWindow::saveConfigRequested, this, &ConfigController::saveConfig);
  connect(window_->form(), &ui::ConfigForm::edited, this, &ConfigController::rememberConfig);
  window_->form()->setDevices(deviceChoices());
  QList<QPair<QString, QString>> datasets;
  for (const auto& [name, path] : gs::installed_image_sets()) datasets.append({q(name), q(path)});
  window_->form()->setDatasets(datasets);
  restoreLastConfig();
}

bool ConfigController::currentConfig(gs::RunConfig* config, QString* error) const {
  const QStringList invalid = window_->form()->invalidKeys();
  if (!invalid.isEmpty()) {
    if (error) {
      *error = tr("Fix the highlighted setting first: %1")
                   .arg(window_->form()->errorText(invalid.front()));
    }
    return false;
  }
  return fromFormValues(window_->form()->values(), config, error);
}

bool ConfigController::openConfig(const QString& path) {
  try {
    const gs::RunConfig config = gs::load_config(path.toStdString());
    window_->form()->setValues(toFormValues(config));
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
  if (!fromFormValues(window_->form()->values(), &config, nullptr)) return;
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
  window_->form()->setValues(toFormValues(config));
}

}  // namespace app
