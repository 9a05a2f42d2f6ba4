// Notes on runs in the real window: typed in the runs panel's note pane and saved as typed (a kill
// of the window loses nothing saved and leaves no half-written file), found by the panel's
// filter, shown when the run is opened, and for the run training here written by its trainer.
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>
#include <csignal>
#include <memory>

#include "app/gui/runs/runs_controller.h"
#include "app/gui/window_controller.h"
#include "model/io/file_io.h"
#include "model/runs/run_notes.h"
#include "tests/app/window_fixture.h"
#include "tests/common/process.h"
#include "tests/common/test_support.h"
#include "ui/runs/runs_panel.h"
#include "ui/window/main_window.h"

namespace {

const std::string kCli = GANSTUDIO_CLI_PATH;

QString noteOf(const QString& run) {
  return QString::fromStdString(gs::read_run_note(run.toStdString()));
}

}  // namespace

class RunNotesTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;

  ui::RunsPanel* panel() const { return fixture_->window()->runsPanel(); }
  app::RunsController* runs() const { return fixture_->controller()->runs(); }

  // Two tiny finished runs (the CLI's) in FOLDER: "a" and "b".
  QString twoRuns() {
    const QString folder = fixture_->path(QStringLiteral("runs"));
    for (const char* name : {"a", "b"}) {
      std::vector<std::string> train = gs::testing::tiny_train_command(
          kCli, (folder + QLatin1Char('/') + QLatin1String(name)).toStdString(), 2);
      const gs::testing::ProcessResult result = gs::testing::run_process(train);
      if (result.exit_code != 0) qFatal("%s", result.output.c_str());
    }
    return folder;
  }

  bool listed(const QString& folder, const QStringList& runPaths) {
    runs()->addFolder(folder);
    runs()->refresh();
    return QTest::qWaitFor(
        [&] {
          for (const QString& run : runPaths)
            if (!panel()->isRunShown(run)) return false;
          return true;
        },
        30000);
  }

 private Q_SLOTS:
  void init() {
    fixture_ = std::make_unique<testing_gui::WindowFixture>();
    fixture_->open(fixture_->path(QStringLiteral("unused")));
  }
  void cleanup() { fixture_.reset(); }

  void aNoteTypedInThePanelIsSavedAndTheFilterFindsItsRun() {
    const QString folder = twoRuns();
    const QString a = folder + QStringLiteral("/a");
    const QString b = folder + QStringLiteral("/b");
    QVERIFY(listed(folder, {a, b}));
    panel()->selectRun(a);
    QCOMPARE(panel()->noteRun(), a);
    QVERIFY(panel()->noteEditor()->isEnabled());
    QSignalSpy saved(runs(), &app::RunsController::noteSaved);
    panel()->noteEditor()->setFocus();
    QTest::keyClicks(panel()->noteEditor(), QStringLiteral("Zebra stripes at lr 4e-4"));
    QVERIFY(saved.wait(10000));  // a pause in typing saves
    QCOMPARE(saved.last().at(0).toString(), a);
    QVERIFY(saved.last().at(1).toBool());
    QCOMPARE(noteOf(a), QStringLiteral("Zebra stripes at lr 4e-4"));
    // The filter finds the run by a word of its note (any case), and by all words typed.
    panel()->setFilter(QStringLiteral("zebra"));
    QVERIFY(panel()->isRunShown(a));
    QVERIFY(!panel()->isRunShown(b));
    panel()->setFilter(QStringLiteral("ZEBRA 4e-4"));
    QVERIFY(panel()->isRunShown(a));
    panel()->setFilter(QStringLiteral("zebra giraffe"));
    QVERIFY(!panel()->isRunShown(a));
    panel()->setFilter(QString());
    QVERIFY(panel()->isRunShown(a) && panel()->isRunShown(b));
    // A note written elsewhere (the CLI) shows after the next listing; the filter finds it too.
    gs::write_run_note(b.toStdString(), "giraffe necks\nsecond line");
    runs()->refresh();
    panel()->setFilter(QStringLiteral("giraffe"));
    QTRY_VERIFY(panel()->isRunShown(b));
    QVERIFY(!panel()->isRunShown(a));
    panel()->setFilter(QString());
    // Choosing another run saves what was typed first, then shows that run's note.
    panel()->selectRun(a);
    QTest::keyClicks(panel()->noteEditor(), QStringLiteral(" (tried twice)"));
    panel()->selectRun(b);
    QCOMPARE(saved.last().at(0).toString(), a);
    QTRY_COMPARE(noteOf(a), QStringLiteral("Zebra stripes at lr 4e-4 (tried twice)"));
    QCOMPARE(panel()->noteEditor()->toPlainText(), QStringLiteral("giraffe necks\nsecond line"));
    // Opening a run shows its note.
    runs()->openRun(b);
    QCOMPARE(fixture_->window()->statusBar()->currentMessage(),
             QStringLiteral("Note: giraffe necks"));
  }

  void aNoteOnTheRunTrainingHereGoesThroughItsTrainer() {
    const QString run = fixture_->path(QStringLiteral("training"));
    fixture_->open(run);
    QVERIFY(fixture_->startAndWaitFor(2));
    runs()->addFolder(fixture_->path(QString()));
    runs()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(panel()->isRunShown(run), 30000);
    QSignalSpy saved(runs(), &app::RunsController::noteSaved);
    runs()->saveNote(run, QStringLiteral("written by the trainer"));
    QVERIFY(!QFile::exists(run + QStringLiteral("/notes.md")));  // not by the window itself
    QVERIFY(saved.wait(15000));
    QVERIFY2(saved.last().at(1).toBool(), qPrintable(saved.last().at(2).toString()));
    QCOMPARE(saved.last().at(2).toString(), QStringLiteral("Saved by the run's trainer"));
    QCOMPARE(noteOf(run), QStringLiteral("written by the trainer"));
    // Something that is not a note is refused by name, and nothing changes.
    runs()->saveNote(run, QString(70000, QLatin1Char('x')));
    QVERIFY(!saved.last().at(1).toBool());
    QVERIFY(saved.last().at(2).toString().contains(QStringLiteral("notes.md: a note holds")));
    QCOMPARE(noteOf(run), QStringLiteral("written by the trainer"));
  }

  void aNoteSurvivesAKillOfTheWindowWhileEditing() {
    const QString folder = twoRuns();
    const QString run = folder + QStringLiteral("/a");
    const QString marker = fixture_->path(QStringLiteral("saved"));
    gs::testing::Process child(
        {GANSTUDIO_NOTE_CHILD, folder.toStdString(), run.toStdString(), marker.toStdString()},
        {"QT_QPA_PLATFORM=offscreen"});
    QVERIFY(gs::testing::wait_for_path(marker.toStdString(), std::chrono::seconds(90)));
    child.signal(SIGKILL);  // while the tail is being typed
    const gs::testing::ProcessResult result = child.wait();
    QCOMPARE(result.exit_code, -1);
    QCOMPARE(noteOf(run), QStringLiteral("saved before the kill"));
    const QStringList left =
        QDir(run).entryList({QStringLiteral(".notes*")}, QDir::Hidden | QDir::Files);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
  }
};

QTEST_MAIN(RunNotesTest)
#include "run_notes_window_test.moc"
