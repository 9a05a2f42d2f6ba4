// What a newcomer's tour of the window found (issue 12), held in the real window with real
// training: exports into a folder that does not exist yet, the interpolation strip after new
// weights, shortcuts while a number field has the focus, B ← z, pending states, the runs folder.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>
#include <memory>

#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/export/export_controller.h"
#include "app/gui/history/history_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/runs/runs_controller.h"
#include "model/config/config.h"
#include "model/io/images.h"
#include "model/runs/lineage.h"
#include "model/runs/run_directory.h"
#include "model/training/training_run.h"
#include "tests/app/window_fixture.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/export/export_dialog.h"
#include "ui/runs/runs_panel.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/config_form.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/notice_bar.h"
#include "ui/window/status_line.h"

class WindowTourTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;

  ui::MainWindow* window() const { return fixture_->window(); }
  app::WindowController* controller() const { return fixture_->controller(); }
  ui::LatentExplorerPanel* explorer() const { return window()->explorer(); }

  void trainAndStop(const QString& run, int points) {
    QVERIFY(fixture_->trainAndStop(run, points));
  }

  std::pair<bool, QString> exportNow(const ui::ExportRequest& request) {
    return fixture_->exportNow(request);
  }

  QLineEdit* field(const QString& key) const {
    return qobject_cast<QLineEdit*>(window()->form()->editor(key));
  }

 private Q_SLOTS:
  // An image folder with files it cannot read: the window says which, and how many images train
  // (issue 24, finding 3), as the CLI lists them.
  // Start again after a run ended, with the folder field still naming it (issue 24, finding 4):
  // the new run goes into a folder of its own and says where; the finished run is untouched.
  void startingAgainNeverWritesIntoTheRunJustTrained() {
    const QString run = fixture_->path(QStringLiteral("first"));
    trainAndStop(run, 3);
    const QByteArray metrics = [&] {
      QFile file(run + QStringLiteral("/metrics.csv"));
      return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QVERIFY(!metrics.isEmpty());
    QVERIFY(fixture_->startAndWaitFor(2));
    const QString notice = window()->notice()->text();
    QVERIFY2(notice.contains(QStringLiteral("already holds a run: this one goes into")),
             qPrintable(notice));
    window()->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window()->runActive(), 30000);
    QFile again(run + QStringLiteral("/metrics.csv"));
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), metrics);
  }

  void unreadableImagesAreNamedInTheWindow() {
    QDir().mkpath(fixture_->path(QStringLiteral("pictures")));
    gs::Image image{28, 28, std::vector<uint8_t>(28 * 28, 90), 1};
    for (int i = 0; i < 3; ++i) {
      gs::write_png(fixture_->path(QStringLiteral("pictures/%1.png").arg(i)).toStdString(), image);
    }
    fixture_->writeFile(QStringLiteral("pictures/text.png"), "not a picture");
    fixture_->writeFile(QStringLiteral("pictures/empty.jpg"), "");
    const QString config =
        QString::fromUtf8(testing_gui::kTinyConfig) +
        QStringLiteral("data:\n  path: %1\n").arg(fixture_->path(QStringLiteral("pictures")));
    fixture_->open(fixture_->path(QStringLiteral("run-pictures")), config.toUtf8().constData());
    QVERIFY(fixture_->startAndWaitFor(2));
    const QString notice = window()->notice()->text();
    QVERIFY2(notice.contains(QStringLiteral(
                 "2 of the data set's files could not be read and are left out (training on 3 "
                 "images): ")),
             qPrintable(notice));
    QVERIFY2(
        notice.contains(QStringLiteral("text.png")) && notice.contains(QStringLiteral("empty.jpg")),
        qPrintable(notice));
    QVERIFY(window()->notice()->isVisible());
  }

  void init() { fixture_ = std::make_unique<testing_gui::WindowFixture>(); }
  void cleanup() { fixture_.reset(); }

  void anExportMakesTheFolderItIsToldToWriteIn() {
    trainAndStop(fixture_->path(QStringLiteral("run")), 3);
    ui::ExportRequest r;
    r.kind = ui::ExportRequest::GridPng;
    r.path = fixture_->path(QStringLiteral("Pictures/new/grid.png"));  // neither folder exists
    const auto [ok, message] = exportNow(r);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(QFile::exists(r.path));
    // One non-modal notice that can show the folder; the status line no longer says "Exporting…".
    QVERIFY(window()->notice()->isVisible());
    QCOMPARE(window()->notice()->path(), r.path);
    QCOMPARE(ui::folderToReveal(r.path), fixture_->path(QStringLiteral("Pictures/new")));
    QVERIFY(!window()->statusBar()->currentMessage().contains(QStringLiteral("Exporting")));
    QVERIFY(QApplication::activeModalWidget() == nullptr);

    // A folder that cannot be made: the export fails, says so, and the status line too.
    fixture_->writeFile(QStringLiteral("a-file"), "x");
    r.path = fixture_->path(QStringLiteral("a-file/sub/grid.png"));
    testing_gui::DialogAnswerer answer(QStringLiteral("OK"));
    const auto [failed, why] = exportNow(r);
    QVERIFY(!failed);
    QVERIFY2(why.startsWith(r.path + QStringLiteral(": ")), qPrintable(why));
    QTRY_VERIFY(answer.answered());
    QCOMPARE(window()->statusBar()->currentMessage(), QStringLiteral("Export failed"));
  }

  void theExportDialogShowsNoStrayAmpersand() {
    ui::ExportDialog dialog(fixture_->path(QString()));
    for (QLabel* label : dialog.findChildren<QLabel*>()) {
      if (label->text().contains(QLatin1Char('&')))
        QVERIFY2(label->buddy() != nullptr, qPrintable(label->text()));
    }
    // The path's label reads as words with its mnemonic underlined ("To" with an underlined o
    // read as "Tc").
    QStringList texts;
    for (QLabel* label : dialog.findChildren<QLabel*>()) texts << label->text();
    QVERIFY2(texts.contains(QStringLiteral("&Save to")), qPrintable(texts.join('|')));
  }

  void theShortcutsHelpListsThePanelsKeysToo() {
    fixture_->open(fixture_->path(QStringLiteral("keys")));
    window()->showShortcuts();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>()) != nullptr);
    const QString text = box->text();
    for (const char* keys : {"Ctrl+Return", "Space", "Ctrl+.", "Alt+L", "Alt+B", "Home / End",
                             "Left / Right", "Alt+A"})
      QVERIFY2(text.contains(QString::fromLatin1(keys)), keys);
    box->close();
  }

  void theStripIsDrawnAgainWithNewWeights() {
    // Open a checkpoint, set random ends, then start a new run: the strip follows the new model.
    const QString run = fixture_->path(QStringLiteral("first"));
    trainAndStop(run, 6);
    const QString checkpoint =
        QString::fromStdString(gs::RunDirectory::find_checkpoint(run.toStdString()));
    fixture_->open(fixture_->path(QStringLiteral("second")));
    QSignalSpy opened(controller()->explorer(), &app::ExplorerController::checkpointOpened);
    controller()->explorer()->openCheckpoint(checkpoint);
    QVERIFY(opened.wait(20000));
    explorer()->setEndpoint(0, QVector<float>(8, -1.5f));
    explorer()->setEndpoint(1, QVector<float>(8, 1.5f));
    QTRY_COMPARE(explorer()->stripFrames().size(), 9);
    const QVector<QImage> fromCheckpoint = explorer()->stripFrames();
    QVERIFY(fixture_->startAndWaitFor(3));
    QTRY_VERIFY_WITH_TIMEOUT(explorer()->stripFrames() != fromCheckpoint, 30000);
    QCOMPARE(explorer()->stripFrames().size(), 9);
  }

  void trainingKeysWorkWhileANumberFieldHasTheFocus() {
    fixture_->open(fixture_->path(QStringLiteral("keys")));
    QVERIFY(fixture_->startAndWaitFor(2));
    window()->pauseResumeAction()->trigger();
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Paused);
    QLineEdit* rate = field(QStringLiteral("training.learning_rate_d"));
    QVERIFY(rate);
    QApplication::setActiveWindow(window());
    rate->setFocus();
    QTRY_VERIFY(rate->hasFocus());
    rate->selectAll();
    QTest::keyClicks(rate, QStringLiteral("0.0003"));
    QTest::keyClick(rate, Qt::Key_Return);
    QVERIFY(!rate->hasFocus());  // Enter hands the keyboard back to the window
    const qint64 before = fixture_->workerIteration();
    QTest::keyClick(window(), Qt::Key_S);
    QTRY_COMPARE(fixture_->workerIteration(), before + 1);
    // Even with the field focused, S steps and Space resumes; nothing is typed into it.
    rate->setFocus();
    QTRY_VERIFY(rate->hasFocus());
    QTest::keyClick(rate, Qt::Key_S);
    QTRY_COMPARE(fixture_->workerIteration(), before + 2);
    QCOMPARE(rate->text(), QStringLiteral("0.0003"));
    QTest::keyClick(rate, Qt::Key_Space);
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Running);
    QCOMPARE(rate->text(), QStringLiteral("0.0003"));
    // A letter that is no shortcut is not typed either; e (as in 3e-4) is.
    rate->selectAll();
    QTest::keyClicks(rate, QStringLiteral("3xe-4"));
    QCOMPARE(rate->text(), QStringLiteral("3e-4"));
  }

  void settingBKeepsTheVectorItTook() {
    trainAndStop(fixture_->path(QStringLiteral("ends")), 3);
    const QVector<float> first(8, -0.5f);
    QVector<float> second(8, 0.0f);
    second[3] = 2.0f;
    explorer()->setLatent(first);
    explorer()->setEndpoint(0, explorer()->latent());  // A ← z
    explorer()->setLatent(second);
    explorer()->setEndpoint(1, explorer()->latent());  // B ← z
    QCOMPARE(explorer()->latent(), second);            // the preview stays on cell 20's vector
    QCOMPARE(explorer()->t(), 1.0);
    QCOMPARE(explorer()->slider(3)->value(), 200);
    explorer()->setEndpoint(0, explorer()->latent());  // A ← z again: t goes to 0, z stays
    QCOMPARE(explorer()->latent(), second);
    QCOMPARE(explorer()->t(), 0.0);
  }

  void pauseAndStopSayTheyArePendingAtOnce() {
    fixture_->open(fixture_->path(QStringLiteral("pending")));
    QVERIFY(fixture_->startAndWaitFor(2));
    window()->pauseResumeAction()->trigger();
    // Before the worker has answered (no event processed yet), the status line says so.
    QVERIFY2(window()->statusLine()->text().contains(QStringLiteral("Pausing…")),
             qPrintable(window()->statusLine()->text()));
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Paused);
    QVERIFY(window()->statusLine()->text().contains(QStringLiteral("Paused")));
    window()->stopAction()->trigger();
    QVERIFY(window()->statusLine()->text().contains(QStringLiteral("Stopping…")));
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Stopped);
    // After Stop: named as the CLI's runs names it, no speed, no time left.
    const QString status = window()->statusLine()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Stopped | iteration")), qPrintable(status));
    QVERIFY2(!status.contains(QStringLiteral("left")) && !status.contains(QStringLiteral("it/s")),
             qPrintable(status));
  }

  void runsGoWhereTheReadmeSays() {
    const QString folder = app::RunController::defaultRunsFolder();
    QVERIFY2(folder.endsWith(QStringLiteral("/GanStudio/runs")), qPrintable(folder));
    QVERIFY2(!folder.contains(QStringLiteral("GanStudio/GanStudio")), qPrintable(folder));
    fixture_->open(fixture_->path(QStringLiteral("unused")));
    QCOMPARE(window()->runsFolder(), folder);  // where Resume Run and Open Checkpoint look
  }

  void theHistoryScrubberShowsEveryGridTheRunDrew() {
    const QString run = fixture_->path(QStringLiteral("history"));
    QVERIFY(fixture_->trainAndStop(run, 12, 3));
    ui::HistoryScrubber* history = window()->history();
    const auto onDisk = gs::RunDirectory::sample_grids(run.toStdString());
    QTRY_COMPARE(history->grids().size(), static_cast<qsizetype>(onDisk.size()));
    QVERIFY(history->following());
    // The newest grid on disk, read back, is the grid the window shows.
    const QImage newest = app::HistoryController::gridFromSampleFile(
        QString::fromStdString(onDisk.back().second), 8, 28);
    QCOMPARE(newest, window()->grid()->grid().convertToFormat(QImage::Format_Grayscale8));
    // Back one grid: the grid view and the charts' cursor follow the scrubber.
    history->setFocus();
    QTest::keyClick(history, Qt::Key_Left);
    const qint64 previous = onDisk[onDisk.size() - 2].first;
    QCOMPARE(window()->grid()->iteration(), previous);
    QCOMPARE(window()->plots()->cursorAt(), previous);
    QCOMPARE(window()->grid()->grid(),
             app::HistoryController::gridFromSampleFile(
                 QString::fromStdString(onDisk[onDisk.size() - 2].second), 8, 28));
    QTest::keyClick(history, Qt::Key_End);
    QVERIFY(history->following());
    QCOMPARE(window()->plots()->cursorAt(), -1);
    QCOMPARE(window()->grid()->iteration(), onDisk.back().first);
  }

  void theRunsPanelListsOpensAndComparesRuns() {
    // Three runs made by the run core: a parent, its branch with another learning rate, and one
    // more; the panel lists them as a family tree, opens one and overlays two.
    const QString folder = fixture_->path(QStringLiteral("many"));
    auto make = [](const std::string& path, double rate, int iterations) {
      gs::RunConfig config = gs::parse_config(QString::fromUtf8(testing_gui::kTinyConfig)
                                                  .arg(QString::fromStdString(path))
                                                  .toStdString(),
                                              "tiny.yaml");
      config.training.iterations = iterations;
      config.training.learning_rate_d = rate;
      config.outputs.checkpoint_every = 4;
      auto run = gs::TrainingRun::start(config, path);
      while (run->step() == gs::StepResult::Trained) {
      }
      run->finish();
    };
    make((folder + QStringLiteral("/a")).toStdString(), 0.0004, 8);
    make((folder + QStringLiteral("/c")).toStdString(), 0.001, 6);
    {
      auto branch = gs::TrainingRun::branch((folder + QStringLiteral("/a@4")).toStdString(),
                                            {"training.learning_rate_d=0.0001"},
                                            (folder + QStringLiteral("/b")).toStdString());
      while (branch->step() == gs::StepResult::Trained) {
      }
      branch->finish();
    }
    fixture_->open(fixture_->path(QStringLiteral("unused")));
    QSignalSpy listed(controller()->runs(), &app::RunsController::runsListed);
    controller()->runs()->addFolder(folder);
    QTRY_VERIFY(!listed.isEmpty());
    ui::RunsPanel* panel = window()->runsPanel();
    QCOMPARE(panel->runCount(), 3);
    QCOMPARE(panel->tree()->topLevelItemCount(), 2);  // b sits under a
    // Open a: its curves, then its grid, explorer and history come with its checkpoint.
    QSignalSpy opened(controller()->explorer(), &app::ExplorerController::checkpointOpened);
    controller()->runs()->openRun(folder + QStringLiteral("/a"));
    QCOMPARE(window()->plots()->pointCount(), 8);
    // Every status field from that run; the window itself trains nothing.
    const QString status = window()->statusLine()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Finished | iteration 8 / 8 | compact")),
             qPrintable(status));
    QCOMPARE(window()->trainingState(), ui::TrainingState::Idle);
    QVERIFY(window()->startAction()->isEnabled());
    QVERIFY(opened.wait(20000));
    QTRY_VERIFY(explorer()->isAvailable());
    QCOMPARE(window()->history()->grids().size(),
             static_cast<qsizetype>(
                 gs::RunDirectory::sample_grids((folder + "/a").toStdString()).size()));
    // Compare a and b: two overlays, and the learning rate among the differences.
    QSignalSpy compared(controller()->runs(), &app::RunsController::compared);
    panel->setCompared({folder + QStringLiteral("/a"), folder + QStringLiteral("/b")});
    QTRY_VERIFY(!compared.isEmpty());
    QCOMPARE(window()->plots()->overlayCount(), 2);
    auto* table = panel->findChild<QTableWidget*>();
    QVERIFY(table && table->isVisibleTo(panel));
    QStringList keys;
    for (int r = 0; r < table->rowCount(); ++r) keys << table->item(r, 0)->text();
    QVERIFY2(keys.contains(QStringLiteral("training.learning_rate_d")), qPrintable(keys.join(',')));
    // Aligned by training time: the compared curves end at the minutes each run took.
    panel->setAlignByTime(true);
    QVERIFY(window()->plots()->alignByTime());
    QVERIFY(window()->plots()->overlayEnd(0) > 0);
    QVERIFY(window()->plots()->overlayEnd(0) < 5.0);  // minutes, not iterations
    panel->setAlignByTime(false);
    QCOMPARE(window()->plots()->overlayEnd(0), 8.0);
    panel->setCompared({});
    QCOMPARE(window()->plots()->overlayCount(), 0);
    // The table out, as CSV: a header and a line a run listed, with its settings.
    const QString csv = fixture_->path(QStringLiteral("runs.csv"));
    QString problem;
    QVERIFY2(controller()->runs()->exportTable(csv, &problem), qPrintable(problem));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].startsWith(QStringLiteral("path,name,started,state,")));
    QVERIFY(lines[0].contains(QStringLiteral(",training.learning_rate_d,")));
    QVERIFY(lines.filter(QStringLiteral(",0.0001,")).size() == 1);  // b's learning rate
    QVERIFY(!controller()->runs()->exportTable(folder + QStringLiteral("/no/such/dir/x.csv"),
                                               &problem));
    QVERIFY2(problem.contains(QStringLiteral("x.csv")), qPrintable(problem));
  }

  void branchFromHereMakesANewRunAndLeavesTheParentAlone() {
    const QString parent = fixture_->path(QStringLiteral("parent"));
    // Checkpoints every 5 iterations, the newest 3 kept, and iteration 5 kept for good however
    // far the run gets before Stop takes effect.
    const QByteArray config =
        QByteArray(testing_gui::kTinySeedConfig)
            .replace("checkpoint_every: 5", "checkpoint_every: 5\n  keep_every: 5");
    fixture_->open(parent, config.constData());
    QVERIFY(fixture_->startAndWaitFor(12));
    window()->stopAction()->trigger();
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Stopped);
    QTRY_VERIFY(window()->history()->checkpoints().contains(5));
    // The marks are the checkpoints the folder holds (older ones are pruned as new ones come).
    QVector<qint64> onDisk;
    for (const auto& [iteration, path] :
         gs::RunDirectory::numbered_checkpoints(parent.toStdString()))
      onDisk.append(iteration);
    QTRY_COMPARE(window()->history()->checkpoints(), onDisk);
    QFile metrics(parent + QStringLiteral("/metrics.csv"));
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    const QByteArray before = metrics.readAll();
    metrics.close();
    // The scrubber at the grid of iteration 5, then Branch from Here.
    window()->history()->showIteration(5);
    QSignalSpy branch(window()->history(), &ui::HistoryScrubber::branchRequested);
    for (QToolButton* b : window()->history()->findChildren<QToolButton*>())
      if (b->text().contains(QStringLiteral("Branch"))) b->click();
    QCOMPARE(branch.count(), 1);
    QCOMPARE(branch.at(0).at(0).toLongLong(), 5);
    QCOMPARE(controller()->run()->pendingBranch(), parent + QStringLiteral("@5"));
    QVERIFY(window()->notice()->isVisible());
    // The person changes a setting locked during a run, and the folder, then starts.
    ui::FormValues values = window()->form()->values();
    values.insert(QStringLiteral("training.loop"), QStringLiteral("fast"));
    values.insert(QStringLiteral("outputs.run_dir"), fixture_->path(QStringLiteral("child")));
    window()->form()->setValues(values);
    window()->startAction()->trigger();
    QVERIFY(!window()->notice()->isVisible());  // "Branching from …, then Start" is done with
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Running);
    QTRY_VERIFY(fixture_->workerIteration() >= 8);
    window()->stopAction()->trigger();
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Stopped);
    const auto point = gs::read_parent(fixture_->path(QStringLiteral("child")).toStdString());
    QVERIFY(point.has_value());
    QCOMPARE(point->iteration, 5);
    const auto rows =
        gs::read_metrics(fixture_->path(QStringLiteral("child/metrics.csv")).toStdString());
    QCOMPARE(rows.front().iteration, 1);  // the parent's curves up to the branch point
    QVERIFY(rows.back().iteration >= 8);
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    QCOMPARE(metrics.readAll(), before);  // the parent was not written
  }

  void tabReachesVisibleFieldsFirst() {
    fixture_->open(fixture_->path(QStringLiteral("tab")));
    QApplication::setActiveWindow(window());
    for (int i = 0; i < 4; ++i) {
      QWidget* before = QApplication::focusWidget() ? QApplication::focusWidget() : window();
      QTest::keyClick(before, Qt::Key_Tab);
      QWidget* focused = QApplication::focusWidget();
      QVERIFY2(focused && focused->isVisible() && focused->width() > 0,
               qPrintable(focused ? focused->metaObject()->className() : "none"));
      QVERIFY2(!focused->inherits("QAbstractScrollArea") || focused->inherits("QAbstractSpinBox"),
               focused->metaObject()->className());
    }
  }
};

QTEST_MAIN(WindowTourTest)
#include "window_tour_test.moc"
