// ganstudio: the training window.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include "app/gui/config/config_controller.h"
#include "app/gui/config/form_bridge.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"
#include "app/gui/runs/runs_controller.h"
#include "app/gui/screenshot_scenes.h"
#include "app/gui/watch/watch_controller.h"
#include "app/gui/window_controller.h"
#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/training/system_info.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/explorer/nearest_images_dialog.h"
#include "ui/runs/runs_panel.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/sweeps/parallel_coordinates.h"
#include "ui/sweeps/sweep_view.h"
#include "ui/theme/theme.h"
#include "ui/training/plots_panel.h"
#include "ui/window/app_icon.h"
#include "ui/window/language.h"
#include "ui/window/main_window.h"

int main(int argc, char** argv) {
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("GanStudio"));
  QApplication::setOrganizationName(QStringLiteral("GanStudio"));
  QApplication::setApplicationVersion(QStringLiteral(GANSTUDIO_VERSION));
  QApplication::setWindowIcon(ui::appIcon());
  ui::installTranslations(&application, ui::savedLanguage());

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Interactive GAN training"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                  QStringLiteral("Load a run configuration (YAML)."),
                                  QStringLiteral("file"));
  const QCommandLineOption set(QStringLiteral("set"),
                               QStringLiteral("Set a configuration key (repeatable)."),
                               QStringLiteral("key=value"));
  const QCommandLineOption start(QStringLiteral("start"),
                                 QStringLiteral("Start training at once."));
  const QCommandLineOption resume(QStringLiteral("resume"),
                                  QStringLiteral("Resume a run folder or checkpoint."),
                                  QStringLiteral("path"));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Save a picture of the window, then quit."),
                                      QStringLiteral("file.png"));
  const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                 QStringLiteral("Seconds before the screenshot (default 20)."),
                                 QStringLiteral("seconds"), QStringLiteral("20"));
  const QCommandLineOption explore(
      QStringLiteral("screenshot-explore"),
      QStringLiteral("Before the screenshot, explore two grid cells."));
  const QCommandLineOption quitWhenDone(
      QStringLiteral("quit-when-finished"),
      QStringLiteral("Quit when the run finishes (timing scripts)."));
  const QCommandLineOption closeAfter(
      QStringLiteral("close-after"),
      QStringLiteral("Close the window after this many seconds, as a person would (fault trials)."),
      QStringLiteral("seconds"));
  const QCommandLineOption closeChoice(
      QStringLiteral("close-choice"),
      QStringLiteral("The answer to \"Save a checkpoint before quitting?\" for --close-after: "
                     "save or discard (default save)."),
      QStringLiteral("choice"), QStringLiteral("save"));
  const QCommandLineOption theme(
      QStringLiteral("theme"),
      QStringLiteral("Colour scheme for this session: system, light or dark (View → Theme keeps "
                     "one for every session)."),
      QStringLiteral("theme"));
  const QCommandLineOption showRuns(
      QStringLiteral("screenshot-runs"),
      QStringLiteral("Before the screenshot, list the runs of this folder and compare its first "
                     "two runs."),
      QStringLiteral("folder"));
  const QCommandLineOption showSweep(
      QStringLiteral("screenshot-sweep"),
      QStringLiteral("Before the screenshot, show this sweep in the runs panel: its best trial "
                     "opened, its best two compared, the distance axis brushed."),
      QStringLiteral("folder"));
  const QCommandLineOption watch(
      QStringLiteral("watch"),
      QStringLiteral("Watch a run folder that ganstudio-cli train is training (File → Watch Run "
                     "Folder…)."),
      QStringLiteral("folder"));
  const QCommandLineOption inspect(
      QStringLiteral("screenshot-inspect"),
      QStringLiteral("Before the screenshot, show D's verdict on the grid and D's outputs over "
                     "time."));
  const QCommandLineOption nearest(
      QStringLiteral("screenshot-nearest"),
      QStringLiteral("Before the screenshot, load a grid cell in the explorer and show its nearest "
                     "training images; the screenshot is of that dialog."));
  const QCommandLineOption look(
      QStringLiteral("screenshot-look"),
      QStringLiteral("Before the screenshot, load a grid cell in the explorer with where D looks "
                     "and G's layers shown."));
  const QCommandLineOption projectDrawing(
      QStringLiteral("screenshot-project"),
      QStringLiteral("Before the screenshot, draw a 3 on the explorer's pad and project it."));
  parser.addOptions({watch, showSweep, inspect, nearest, look, projectDrawing});
  parser.addOptions({config, set, start, resume, screenshot, delay, explore, quitWhenDone,
                     closeAfter, closeChoice, theme, showRuns});
  parser.process(application);

  const bool cuda = !gs::cuda_devices().empty();
  ui::MainWindow window(app::makeFormServices(cuda));
  app::WindowController controller(&window);
  if (parser.isSet(config) && !controller.config()->openConfig(parser.value(config))) return 1;
  if (parser.isSet(set)) {
    ui::FormValues values = window.form()->values();
    for (const QString& assignment : parser.values(set)) {
      const int equals = assignment.indexOf(QLatin1Char('='));
      if (equals <= 0) {
        qCritical("--set %s: expected key=value", qPrintable(assignment));
        return 2;
      }
      values.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    window.form()->setValues(values);
  }
  app::WindowController::restoreSession(&window);
  if (parser.isSet(theme)) {
    ui::applyTheme(ui::themeFromKey(parser.value(theme)));
    window.setThemeChecked(ui::themeKey(ui::themeFromKey(parser.value(theme))));
  }
  window.show();
  // The first time (and never during scripted runs): a short "getting started".
  if (!parser.isSet(screenshot) && !parser.isSet(closeAfter) && !parser.isSet(quitWhenDone))
    window.showGettingStartedOnce();
  if (parser.isSet(watch)) {
    if (!controller.watch()->watch(parser.value(watch))) return 1;
  } else if (parser.isSet(resume)) {
    controller.run()->resumeRun(parser.value(resume));
  } else if (parser.isSet(start)) {
    window.startAction()->trigger();
  }
  if (parser.isSet(quitWhenDone)) {
    QObject::connect(controller.worker(), &app::TrainingWorker::stateChanged, &window,
                     [&](ui::TrainingState state) {
                       if (!ui::hasEnded(state)) return;
                       controller.shutdown(false);
                       QApplication::quit();
                     });
  }
  const int delayMs = static_cast<int>(parser.value(delay).toDouble() * 1000);
  if (parser.isSet(inspect)) {
    window.verdictsAction()->setChecked(true);
    window.plots()->lowerTabs()->setCurrentIndex(1);
  }
  if (parser.isSet(nearest)) {
    // A cell first (the explorer then gets the newest weights), its nearest images a little later.
    QTimer::singleShot(std::max(0, delayMs - 12000), &window, [&] {
      window.grid()->setSelectedCell(12);
      Q_EMIT window.grid()->cellClicked(12);
    });
    QTimer::singleShot(std::max(0, delayMs - 8000), &window, [&] {
      Q_EMIT window.explorer()->nearestRequested(window.explorer()->latent());
    });
  }
  if (parser.isSet(look)) app::stageLookInside(window, delayMs - 6000);
  if (parser.isSet(projectDrawing)) app::stageProjection(window, delayMs - 7000);
  if (parser.isSet(explore)) {
    // For the README's picture: a digit in the explorer and a path between two others.
    QTimer::singleShot(std::max(0, delayMs - 3000), &window, [&] {
      ui::LatentExplorerPanel* explorer = window.explorer();
      if (explorer->classes() > 0) {
        // A conditional run: a cell of row 7 (a seven, for digits), and the path from that z
        // drawn as a 3 to the same z drawn as a 7.
        const int to = std::min(7, explorer->classes() - 1);
        const int from = to >= 3 ? 3 : 0;
        const int cell = to * gs::kGridColumns + 2;
        window.grid()->setSelectedCell(cell);
        Q_EMIT window.grid()->cellClicked(cell);
        explorer->setClass(from);
        explorer->setEndpoint(0, explorer->latent());
        explorer->setClass(to);
        explorer->setEndpoint(1, explorer->latent());
        return;
      }
      window.grid()->setSelectedCell(12);
      Q_EMIT window.grid()->cellClicked(12);
      explorer->setEndpoint(0, controller.session().gridLatent(12));
      explorer->setEndpoint(1, controller.session().gridLatent(43));
      explorer->setT(0.35);
    });
  }
  if (parser.isSet(closeAfter)) {
    const QString choice = parser.value(closeChoice);
    if (choice != QLatin1String("save") && choice != QLatin1String("discard")) {
      qCritical("--close-choice %s: expected save or discard", qPrintable(choice));
      return 2;
    }
    window.setCloseDecider([save = choice == QLatin1String("save")] {
      return save ? ui::MainWindow::CloseChoice::SaveAndQuit
                  : ui::MainWindow::CloseChoice::QuitWithoutSaving;
    });
    QTimer::singleShot(static_cast<int>(parser.value(closeAfter).toDouble() * 1000), &window,
                       [&] { window.close(); });
  }
  if (parser.isSet(showRuns)) {
    // For the README's picture: the runs panel raised, two runs compared.
    controller.runs()->addFolder(parser.value(showRuns));
    window.runsDock()->raise();
    QObject::connect(controller.runs(), &app::RunsController::runsListed, &window, [&] {
      if (!window.runsPanel()->comparedRuns().isEmpty()) return;
      QStringList two;
      for (QTreeWidgetItemIterator it(window.runsPanel()->tree()); *it && two.size() < 2; ++it)
        two << (*it)->data(0, Qt::UserRole + 1).toString();
      window.runsPanel()->setCompared(two);
      // The first opened (its curves live, its grids on the history scrubber), scrubbed back to
      // a grid halfway: the charts' cursor marks it.
      if (two.isEmpty()) return;
      controller.runs()->openRun(two.front());
      QTimer::singleShot(4000, &window, [&window] {
        const QVector<qint64> grids = window.history()->grids();
        if (grids.size() > 2) window.history()->showIteration(grids[grids.size() / 2]);
      });
    });
  }
  if (parser.isSet(showSweep)) {
    // For the README's picture of a sweep.
    const QString folder = QDir(parser.value(showSweep)).absolutePath();
    window.runsDock()->show();
    window.runsDock()->raise();
    controller.runs()->showSweep(folder);
    QObject::connect(controller.runs(), &app::RunsController::runsListed, &window, [&, folder] {
      ui::SweepView* view = window.runsPanel()->sweepView();
      if (view->sweep().path != folder || !window.runsPanel()->comparedRuns().isEmpty()) return;
      window.resizeDocks({window.runsDock()}, {window.width() * 9 / 20}, Qt::Horizontal);
      QStringList best;  // the trials by rank
      for (int rank = 1; rank <= 2; ++rank)
        for (const ui::SweepTrial& trial : view->sweep().trials)
          if (trial.rank == rank) best << trial.path;
      if (best.isEmpty()) return;
      window.runsPanel()->setCompared(best);
      controller.runs()->openRun(best.front());
      window.runsPanel()->selectRun(best.front());
      ui::ParallelCoordinates* chart = view->chart();
      chart->setBrush(chart->axisCount() - 1, 0.0, 0.45);
    });
  }
  if (parser.isSet(screenshot)) {
    const QString path = parser.value(screenshot);
    QTimer::singleShot(delayMs, &window, [&] {
      QWidget* shown = &window;
      if (parser.isSet(nearest) && controller.explorer()->nearestImages())
        shown = controller.explorer()->nearestImages();
      if (parser.isSet(look) || parser.isSet(projectDrawing)) shown = window.explorer();
      shown->grab().save(path);
      controller.shutdown(false);
      QApplication::quit();
    });
  }
  return QApplication::exec();
}
