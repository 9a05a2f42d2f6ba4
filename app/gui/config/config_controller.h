// The window's configuration files: the form as a run configuration, File -> Open and Save
// Configuration (the CLI's YAML files), and the last configuration, remembered between sessions.
#pragma once

#include <QObject>

#include "model/config/config.h"

namespace ui {
class ConfigForm;
class MainWindow;
}  // namespace ui

namespace app {

class ConfigController : public QObject {
  Q_OBJECT

 public:
  explicit ConfigController(ui::MainWindow* window, QObject* parent = nullptr);

  // The configuration the form describes; false (and a message) when a field is invalid.
  bool currentConfig(gs::RunConfig* config, QString* error) const;
  // Puts the keyboard in the first field whose text is not valid.
  void focusFirstInvalid();
  bool openConfig(const QString& path);
  bool saveConfig(const QString& path);
  // Keeps the form's configuration for the next start (QSettings).
  void rememberConfig();

 private:
  void restoreLastConfig();

  ui::MainWindow* window_;
  ui::ConfigForm* form_;
};

}  // namespace app
