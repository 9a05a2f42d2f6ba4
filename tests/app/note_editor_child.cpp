// The window of RunNotesTest::aNoteSurvivesAKillOfTheWindowWhileEditing, as a process of its own
// (the test kills it): lists the runs of `folder`, types a note on `run` in the runs panel, waits
// until it is saved, writes `marker`, types more (left unsaved) and waits to be killed.
//   note_editor_child FOLDER RUN MARKER
#include <QApplication>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QtTest>
#include <cstdio>

#include "app/gui/runs/runs_controller.h"
#include "app/gui/window_controller.h"
#include "tests/app/window_fixture.h"
#include "ui/runs/runs_panel.h"
#include "ui/window/main_window.h"

int main(int argc, char** argv) {
  QApplication application(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: note_editor_child FOLDER RUN MARKER\n");
    return 2;
  }
  const QString folder = QString::fromLocal8Bit(argv[1]);
  const QString run = QString::fromLocal8Bit(argv[2]);
  testing_gui::WindowFixture fixture;
  fixture.open(fixture.path(QStringLiteral("unused")));
  app::RunsController* runs = fixture.controller()->runs();
  ui::RunsPanel* panel = fixture.window()->runsPanel();
  QSignalSpy listed(runs, &app::RunsController::runsListed);
  runs->addFolder(folder);
  runs->refresh();
  if (!QTest::qWaitFor([&] { return panel->isRunShown(run); }, 60000)) return 3;
  panel->selectRun(run);
  QSignalSpy saved(runs, &app::RunsController::noteSaved);
  panel->noteEditor()->setFocus();
  QTest::keyClicks(panel->noteEditor(), QStringLiteral("saved before the kill"));
  if (!saved.wait(30000) || !saved.last().at(1).toBool()) return 4;
  QFile marker(QString::fromLocal8Bit(argv[3]));
  if (!marker.open(QIODevice::WriteOnly)) return 5;
  marker.close();
  QTest::keyClicks(panel->noteEditor(), QStringLiteral(" and a tail typed after"));
  return application.exec();  // until killed
}
