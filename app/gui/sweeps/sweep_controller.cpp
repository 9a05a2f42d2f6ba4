#include "app/gui/sweeps/sweep_controller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QProcess>
#include <set>

#include "app/gui/config/config_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/runs/runs_controller.h"
#include "model/config/config.h"
#include "model/config/keys.h"
#include "model/config/settings.h"
#include "model/io/error.h"
#include "model/sweeps/sweep.h"
#include "model/sweeps/sweep_catalog.h"
#include "ui/runs/runs_panel.h"
#include "ui/sweeps/sweep_dialog.h"
#include "ui/window/main_window.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

// A key a sweep may vary or fix: one that describes a run, but not where the run goes.
bool sweepable(const gs::SettingInfo& info) {
  return info.describes_run && info.key != gs::keys::kRunDir;
}

QStringList sweepableKeys() {
  QStringList keys;
  for (const gs::SettingInfo& info : gs::setting_infos())
    if (sweepable(info)) keys << q(info.key);
  return keys;
}

}  // namespace

SweepController::SweepController(ui::MainWindow* window, ConfigController* config,
                                 RunsController* runs, QObject* parent)
    : QObject(parent), window_(window), config_(config), runs_(runs) {
  connect(window, &ui::MainWindow::newSweepRequested, this, &SweepController::newSweep);
  connect(window->runsPanel(), &ui::RunsPanel::newSweepRequested, this, &SweepController::newSweep);
}

QString SweepController::cliProgram() {
  QString chosen = qEnvironmentVariable("GANSTUDIO_CLI");
  if (!chosen.isEmpty()) return chosen;
  return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ganstudio-cli"));
}

QString SweepController::check(const ui::SweepRequest& request) {
  // The plan as the CLI makes it: one value is a fixed setting, the rest the space; the model's
  // own parsers and plan_trials refuse what the sweep would (a grid over a range, no trials).
  try {
    gs::Sweep sweep;
    for (const QString& set : request.sets) {
      gs::Dimension dimension = gs::parse_dimension(set.toStdString());
      if (dimension.kind != gs::Dimension::Kind::List || dimension.values.size() > 1)
        sweep.space.push_back(std::move(dimension));
    }
    if (sweep.space.empty())
      return tr("Every setting has one value: give one of them several, or a range.");
    gs::parse_budget(request.budget.toStdString());
    sweep.method = gs::parse_sweep_method(request.method.toStdString());
    sweep.trials_wanted = request.trials;
    gs::plan_trials(sweep);
  } catch (const std::exception& error) {
    return q(error.what());
  }
  if (request.folder.isEmpty()) return tr("Choose a folder for the sweep.");
  if (gs::is_sweep_folder(request.folder.toStdString()))
    return tr("%1 already holds a sweep; choose a new folder.").arg(request.folder);
  const QDir folder(request.folder);
  if (folder.exists() && !folder.isEmpty())
    return tr("%1 is not empty; choose a new folder.").arg(request.folder);
  return {};
}

QStringList SweepController::fixedSettings(const ui::SweepRequest& request) const {
  gs::RunConfig form;
  QString error;
  if (!config_->currentConfig(&form, &error)) return {};
  std::set<std::string> swept;
  for (const QString& set : request.sets)
    swept.insert(set.section(QLatin1Char('='), 0, 0).toStdString());
  const gs::RunConfig defaults;
  QStringList fixed;
  for (const gs::SettingInfo& info : gs::setting_infos()) {
    if (!sweepable(info) || swept.count(info.key)) continue;
    const std::string value = gs::get_value(form, info.key);
    if (value != gs::get_value(defaults, info.key)) fixed << q(info.key + "=" + value);
  }
  return fixed;
}

bool SweepController::start(const ui::SweepRequest& request, QString* error) {
  QStringList arguments = request.arguments();
  for (const QString& fixed : fixedSettings(request))
    arguments << QStringLiteral("--fixed") << fixed;
  QDir().mkpath(QFileInfo(request.folder).absolutePath());
  const QString log = QFileInfo(request.folder).absoluteFilePath() + QStringLiteral(".log");
  QProcess process;
  process.setProgram(cliProgram());
  process.setArguments(arguments);
  process.setStandardOutputFile(QProcess::nullDevice());
  process.setStandardErrorFile(log);
  qint64 pid = 0;
  if (!process.startDetached(&pid)) {
    *error = tr("Could not start %1: %2").arg(cliProgram(), process.errorString());
    return false;
  }
  Q_EMIT started(request.folder);
  return true;
}

void SweepController::newSweep() {
  const QString folder =
      QDir(RunController::defaultRunsFolder())
          .filePath(QStringLiteral("sweep-") +
                    QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
  ui::SweepDialog dialog(sweepableKeys(), folder, window_);
  QStringList quick;
  for (const std::string& assignment : gs::quick_sweep_space()) quick << q(assignment);
  dialog.setQuickSweep(quick, gs::kQuickSweepTrials, QString::fromLatin1(gs::kQuickSweepBudget));
  dialog.applyQuickSweep();
  dialog.setValidator(&SweepController::check);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  if (!start(dialog.request(), &error)) {
    window_->showError(tr("Cannot start the sweep"), error);
    return;
  }
  window_->showMessage(
      tr("Sweep started in %1: it runs as its own process; the runs panel shows it")
          .arg(QDir::toNativeSeparators(dialog.request().folder)),
      8000);
  window_->runsDock()->show();
  window_->runsDock()->raise();
  runs_->showSweep(dialog.request().folder);
}

}  // namespace app
