// Training → New Sweep… and the runs panel's New Sweep…: the Sweep dialog, with the form's keys and
// the quick sweep; the request is checked by the model's own parsers (the dialog names the key or
// value it refuses), and the sweep runs as `ganstudio-cli sweep` in a process of its own (it goes
// on when the window closes, and resumes with `ganstudio-cli sweep --resume`). Every trial gets the
// form's other settings. The runs panel then watches the sweep's folder as it watches any sweep.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace ui {
class MainWindow;
struct SweepRequest;
}  // namespace ui

namespace app {

class ConfigController;
class RunsController;

class SweepController : public QObject {
  Q_OBJECT

 public:
  SweepController(ui::MainWindow* window, ConfigController* config, RunsController* runs,
                  QObject* parent = nullptr);

  // Shows the dialog; a sweep starts when the person confirms it.
  void newSweep();
  // "" when the model takes `request`, else why not (naming the key, value or folder).
  static QString check(const ui::SweepRequest& request);
  // The command line for `request` with the form's other settings fixed; starts it detached.
  // Returns false (with the reason in *error) when the program could not start.
  bool start(const ui::SweepRequest& request, QString* error);
  // Where the CLI lives: $GANSTUDIO_CLI, else beside the window's program.
  static QString cliProgram();

 Q_SIGNALS:
  void started(const QString& folder);

 private:
  QStringList fixedSettings(const ui::SweepRequest& request) const;

  ui::MainWindow* window_;
  ConfigController* config_;
  RunsController* runs_;
};

}  // namespace app
