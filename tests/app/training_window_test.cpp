// The training window end to end: real window, real worker thread, real LibTorch training on the
// embedded digits with a tiny model (no stand-ins). Offscreen platform.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>
#include <memory>

#include "app/gui/config/config_controller.h"
#include "app/gui/config/form_bridge.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/run/training_worker.h"
#include "app/gui/window_controller.h"
#include "model/config/config.h"
#include "model/data/idx.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "model/training/trainer.h"
#include "tests/app/window_fixture.h"
#include "tests/common/diverged_checkpoint.h"
#include "tests/common/test_support.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/explorer/nearest_images_dialog.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/config_form.h"
#include "ui/training/health_banner.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/status_line.h"

class TrainingWindowTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;
  ui::MainWindow* window_ = nullptr;
  app::WindowController* controller_ = nullptr;

  QString runPath() const { return fixture_->path(QStringLiteral("run")); }
  void openWindow(const QString& runFolder, const char* config = testing_gui::kTinyConfig) {
    fixture_->open(runFolder, config);
    window_ = fixture_->window();
    controller_ = fixture_->controller();
  }
  void closeWindow() {
    fixture_->close();
    window_ = nullptr;
    controller_ = nullptr;
  }
  qint64 workerIteration() { return fixture_->workerIteration(); }
  std::pair<double, double> learningRates() { return fixture_->learningRates(); }
  void startAndWaitFor(int points) { QVERIFY(fixture_->startAndWaitFor(points)); }

 private Q_SLOTS:
  void init() { fixture_ = std::make_unique<testing_gui::WindowFixture>(); }
  void cleanup() {
    closeWindow();
    fixture_.reset();
  }

  void startPauseStepResumeStop() {
    openWindow(runPath());
    startAndWaitFor(20);
    QVERIFY(!window_->startAction()->isEnabled());
    QVERIFY(window_->stopAction()->isEnabled());
    QVERIFY(!window_->stepAction()->isEnabled());

    window_->pauseResumeAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Paused);
    QVERIFY(window_->stepAction()->isEnabled());
    QCOMPARE(window_->pauseResumeAction()->text(), QStringLiteral("&Resume"));
    const qint64 paused = workerIteration();
    QVERIFY(testing_gui::WindowFixture::statusHoldsThrough(runPath(), paused));
    QCOMPARE(workerIteration(), paused);  // no iteration while paused
    QTRY_COMPARE(window_->plots()->pointCount(), static_cast<int>(paused));

    window_->stepAction()->trigger();
    QTRY_COMPARE(window_->plots()->pointCount(), static_cast<int>(paused + 1));
    QVERIFY(testing_gui::WindowFixture::statusHoldsThrough(runPath(), paused + 1));
    QCOMPARE(workerIteration(), paused + 1);  // exactly one
    QCOMPARE(window_->trainingState(), ui::TrainingState::Paused);

    window_->pauseResumeAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Running);
    QTRY_VERIFY(workerIteration() > paused + 10);

    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    const qint64 stopped = workerIteration();
    // (Read without opening the folder for writing: the window still owns it, and its lock.)
    char name[32];
    std::snprintf(name, sizeof name, "/iter_%07lld.pt", static_cast<long long>(stopped));
    QVERIFY(QFile::exists(runPath() + QStringLiteral("/checkpoints") + QString::fromLatin1(name)));
    // The plots hold one point per iteration, in order.
    QTRY_COMPARE(window_->plots()->pointCount(), static_cast<int>(stopped));
    const auto& keys = window_->plots()->series(ui::PlotsPanel::kDLoss).raw();
    QCOMPARE(keys.size(), static_cast<int>(stopped));
    QVERIFY(window_->startAction()->isEnabled());
  }

  void learningRateChangeReachesTheOptimizerAndIsMarked() {
    openWindow(runPath() + QStringLiteral("-lr"));
    startAndWaitFor(5);
    QCOMPARE(learningRates(), std::make_pair(4e-4, 4e-4));  // the compact default
    auto* lr = qobject_cast<QLineEdit*>(
        window_->form()->editor(QStringLiteral("training.learning_rate_d")));
    QVERIFY(lr && lr->isEnabled());
    lr->setFocus();
    lr->selectAll();
    QTest::keyClicks(lr, QStringLiteral("0.001"));
    QTest::keyClick(lr, Qt::Key_Return);
    QTRY_COMPARE(learningRates(), std::make_pair(1e-3, 1e-3));  // linked: both
    QTRY_COMPARE(window_->plots()->markerCount(), 1);
    // The value travels typed, never as YAML: a YAML comment is not part of a number here. (The
    // rows unlinked first: G keeps the run's value, which the spaces' pause and resume may show
    // again at any moment, rather than a copy of the refused text.)
    window_->form()->setRowsLinked(false);
    lr->selectAll();
    QTest::keyClicks(lr, QStringLiteral("0.002 # faster"));
    QTest::keyClick(lr, Qt::Key_Return);
    QVERIFY(!window_->form()->errorText(QStringLiteral("training.learning_rate_d")).isEmpty());
    QCOMPARE(learningRates(), std::make_pair(1e-3, 1e-3));
    // The change is recorded in the run folder and the effective configuration, as one change of
    // two settings (the spaces typed above went to the window as Pause: acknowledged as
    // control.pause rows, which are not settings).
    const auto groups = gs::settings_by_iteration(
        gs::read_changes((runPath() + QStringLiteral("-lr")).toStdString()));
    QCOMPARE(groups.size(), size_t{1});
    QCOMPARE(groups[0].size(), size_t{2});
    QCOMPARE(QString::fromStdString(groups[0][0].value), QStringLiteral("0.001"));
    // Once the run ends, the next one starts from the defaults again unless the person keeps
    // the run's rates.
    const QString atEnd =
        window_->form()->values().value(QStringLiteral("training.learning_rate_g"));
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    QCOMPARE(window_->form()->values().value(QStringLiteral("training.learning_rate_d")),
             QString());
    QCOMPARE(window_->form()->values().value(QStringLiteral("training.learning_rate_g")),
             QString());
    QCOMPARE(window_->form()->setBackKeys(),
             (QStringList{QStringLiteral("training.learning_rate_d"),
                          QStringLiteral("training.learning_rate_g")}));
    window_->form()->keepRunValues();
    QCOMPARE(window_->form()->values().value(QStringLiteral("training.learning_rate_g")), atEnd);
  }

  void gridChangesDuringTraining() {
    openWindow(runPath() + QStringLiteral("-grid"));
    startAndWaitFor(1);
    QTRY_VERIFY(window_->grid()->iteration() >= 0);
    const QImage first = window_->grid()->grid();
    const qint64 firstIteration = window_->grid()->iteration();
    QCOMPARE(first.size(), QSize(8 * 28, 8 * 28));
    QTRY_VERIFY_WITH_TIMEOUT(window_->grid()->iteration() > firstIteration, 20000);
    QVERIFY(window_->grid()->grid() != first);
    QCOMPARE(window_->grid()->cellCount(), 64);
  }

  // D's outputs with each grid: on the "D's outputs" chart, and (View → D's Verdict on the Grid,
  // off by default) as a frame around each cell of the grid they were measured on.
  void theScoreChartAndTheGridsVerdictFollowTraining() {
    const QString run = runPath() + QStringLiteral("-scores");
    openWindow(run);
    QVERIFY(!window_->verdictsAction()->isChecked());
    startAndWaitFor(1);
    QTRY_VERIFY_WITH_TIMEOUT(window_->plots()->scorePointCount() >= 2, 60000);
    QVERIFY(!window_->grid()->showsVerdicts());
    QVERIFY(!window_->grid()->verdictColor(0).isValid());
    window_->verdictsAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window_->grid()->showsVerdicts(), 20000);
    QCOMPARE(window_->grid()->verdicts().size(), 64);
    QVERIFY(window_->grid()->verdictColor(63).isValid());
    QVERIFY2(window_->grid()->captionText().contains(QStringLiteral("verdict")),
             qPrintable(window_->grid()->captionText()));
    const qint64 judged = window_->grid()->iteration();
    double mean = 0;
    for (const float v : window_->grid()->verdicts()) mean += v / 64.0;
    window_->verdictsAction()->trigger();
    QVERIFY(!window_->grid()->showsVerdicts());
    window_->pauseResumeAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Paused);
    // Every row of scores.csv is a point of the chart; the verdicts shown were that grid's row.
    const auto rows = gs::read_scores(run.toStdString());
    QTRY_COMPARE(window_->plots()->scorePointCount(), static_cast<int>(rows.size()));
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const gs::ScoreRow& r) { return r.iteration == judged; });
    QVERIFY(row != rows.end());
    QVERIFY(std::abs(mean - row->grid_mean) < 1e-4);
    // A grid shown on Pause or Step, between measurements, has D's verdict too (no new row).
    window_->verdictsAction()->trigger();
    const qint64 pausedAt = window_->grid()->iteration();  // the grid the pause showed
    window_->stepAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window_->grid()->iteration(), pausedAt + 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window_->grid()->verdicts().size(), 64, 20000);
    QVERIFY(window_->grid()->verdictColor(0).isValid());
    // No new row, unless the step itself landed on a measured grid (outputs.sample_every).
    const int every =
        gs::load_config((run + QStringLiteral("/config.yaml")).toStdString()).outputs.sample_every;
    const bool measured = every > 0 && (pausedAt + 1) % every == 0;
    QCOMPARE(gs::read_scores(run.toStdString()).size(), rows.size() + (measured ? 1u : 0u));
  }

  // "Does it copy?" for the explorer's sample: its nearest training images with their distances,
  // found on the generator's thread while training goes on.
  void theExplorersSampleShowsItsNearestTrainingImages() {
    openWindow(runPath() + QStringLiteral("-nearest"));
    startAndWaitFor(1);
    ui::LatentExplorerPanel* explorer = window_->explorer();
    QTRY_VERIFY_WITH_TIMEOUT(explorer->isAvailable(), 20000);
    QPushButton* nearest = nullptr;
    for (QPushButton* button : explorer->findChildren<QPushButton*>()) {
      if (button->text() == QStringLiteral("Nearest…")) nearest = button;
    }
    QVERIFY(nearest);
    QVERIFY(!controller_->explorer()->nearestImages());
    nearest->click();
    ui::NearestImagesDialog* dialog = controller_->explorer()->nearestImages();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->imageCount(), 5, 120000);
    // An untrained generator's scribble is far from every digit: no copy.
    QVERIFY2(dialog->verdict().contains(QStringLiteral("no copy")), qPrintable(dialog->verdict()));
    QVERIFY(dialog->verdict().contains(QStringLiteral("typically comes")));
    dialog->close();
  }

  void closingMidRunAsksAndSaves() {
    openWindow(runPath() + QStringLiteral("-close"));
    startAndWaitFor(5);
    // Answer the real dialog as a person would.
    testing_gui::DialogAnswerer answerer(QStringLiteral("Save and Quit"));
    QVERIFY(window_->close());
    QVERIFY2(answerer.answered(), qPrintable(answerer.problem()));
    QVERIFY(controller_->run()->workerThread()->isFinished());
    const auto checkpoints =
        gs::RunDirectory::checkpoints((runPath() + QStringLiteral("-close")).toStdString());
    QCOMPARE(checkpoints.size(), size_t{1});
  }

  void closingCanBeCancelledOrDiscard() {
    openWindow(runPath() + QStringLiteral("-cancel"));
    startAndWaitFor(3);
    window_->setCloseDecider([] { return ui::MainWindow::CloseChoice::Cancel; });
    QVERIFY(!window_->close());
    QCOMPARE(window_->trainingState(), ui::TrainingState::Running);
    window_->setCloseDecider([] { return ui::MainWindow::CloseChoice::QuitWithoutSaving; });
    QVERIFY(window_->close());
    QVERIFY(controller_->run()->workerThread()->isFinished());
    QVERIFY(gs::RunDirectory::checkpoints((runPath() + QStringLiteral("-cancel")).toStdString())
                .empty());
  }

  void quittingTheApplicationMidRunNeverAsksOrHangs() {
    openWindow(runPath() + QStringLiteral("-quit"));
    startAndWaitFor(3);
    bool asked = false;
    window_->setCloseDecider([&] {
      asked = true;
      return ui::MainWindow::CloseChoice::Cancel;
    });
    // What --screenshot and a session manager do: stop everything, then quit (which closes
    // windows).
    controller_->shutdown(false);
    QVERIFY(controller_->run()->workerThread()->isFinished());
    QVERIFY(window_->close());
    QVERIFY(!asked);
  }

  void divergenceCanEndTheRunWithAReadableMessage() {
    const QString run = runPath() + QStringLiteral("-nan");
    openWindow(run);
    startAndWaitFor(3);
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    const std::string good = gs::RunDirectory::find_checkpoint(run.toStdString());
    gs::RunConfig config = gs::read_checkpoint_config(good);
    config.health.pause_on_divergence = false;  // the run ends instead of pausing for a roll-back
    gs::testing::write_diverged_checkpoint(config,
                                           run.toStdString() + "/checkpoints/iter_9999990.pt");
    QSignalSpy states(controller_->worker(), &app::TrainingWorker::stateChanged);
    controller_->run()->resumeRun(run);
    QTRY_COMPARE_WITH_TIMEOUT(window_->trainingState(), ui::TrainingState::Diverged, 30000);
    QString message;
    for (const auto& args : states) message = args.at(1).toString();
    // The checkpoint holds iteration 5 (its file name only makes it the newest).
    QVERIFY2(message.contains(QStringLiteral("diverged at iteration 6")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("File → Resume Run")));
    QVERIFY(window_->startAction()->isEnabled());
    // Nothing was written over the checkpoints, and the window is not stuck.
    QCOMPARE(gs::RunDirectory::checkpoints(run.toStdString()).size(), size_t{2});
  }

  void theQualityMeterChartsItsMeasurements() {
    const QString run = runPath() + QStringLiteral("-quality");
    static const QByteArray config =
        QByteArray(testing_gui::kTinyConfig) + "quality:\n  every: 10\n  samples: 100\n";
    openWindow(run, config.constData());
    // Counted on this thread, in the order the worker asked and answered.
    int requested = 0;
    int measured = 0;
    QObject counter;
    connect(
        controller_->worker(), &app::TrainingWorker::qualityRequested, &counter,
        [&] { ++requested; }, Qt::QueuedConnection);
    connect(
        controller_->worker(), &app::TrainingWorker::qualityReady, &counter, [&] { ++measured; },
        Qt::QueuedConnection);
    startAndWaitFor(1);
    QTRY_VERIFY_WITH_TIMEOUT(window_->plots()->qualityPointCount() >= 2, 60000);
    QVERIFY2(window_->statusLine()->text().contains(QStringLiteral("FD ")),
             qPrintable(window_->statusLine()->text()));
    QVERIFY(window_->statusLine()->text().contains(QStringLiteral("/10 classes")));
    window_->pauseResumeAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Paused);
    // A measurement asked for just before the pause may still be on its way: let it land.
    QTRY_COMPARE_WITH_TIMEOUT(measured, requested, 60000);
    QTRY_COMPARE(window_->plots()->qualityPointCount(), measured);
    const int before = window_->plots()->qualityPointCount();
    window_->measureAction()->trigger();  // Measure now, while paused
    QTRY_COMPARE_WITH_TIMEOUT(window_->plots()->qualityPointCount(), before + 1, 30000);
    const auto rows = gs::read_quality(run.toStdString());
    QCOMPARE(static_cast<int>(rows.size()), before + 1);
    QCOMPARE(rows.back().iteration, workerIteration());
    QCOMPARE(rows.back().samples, 100);
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    closeWindow();
    // A resumed run shows its measurements so far.
    openWindow(fixture_->path(QStringLiteral("unused")));
    controller_->run()->resumeRun(run);
    QTRY_COMPARE_WITH_TIMEOUT(window_->trainingState(), ui::TrainingState::Running, 30000);
    QTRY_VERIFY(window_->plots()->qualityPointCount() >= before + 1);
  }

  void aDivergingRunPausesAndRollsBackWithOneClick() {
    const QString run = runPath() + QStringLiteral("-diverge");
    openWindow(run, testing_gui::kTinySeedConfig);
    startAndWaitFor(8);  // checkpoints every 5 iterations
    QCOMPARE(learningRates(), std::make_pair(2e-4, 2e-4));
    auto* lr = qobject_cast<QLineEdit*>(
        window_->form()->editor(QStringLiteral("training.learning_rate_d")));
    lr->setFocus();
    lr->selectAll();
    QTest::keyClicks(lr, QStringLiteral("1.0"));  // linked: both rates
    QTest::keyClick(lr, Qt::Key_Return);
    // The losses explode: the run pauses instead of failing, and the banner offers a roll-back.
    QTRY_COMPARE_WITH_TIMEOUT(window_->trainingState(), ui::TrainingState::Paused, 30000);
    ui::HealthBanner* banner = window_->healthBanner();
    QTRY_VERIFY(banner->isVisible());
    QCOMPARE(banner->notice().rule, QStringLiteral("divergence"));
    QVERIFY(banner->actionButton()->isVisible());
    QVERIFY(window_->plots()->healthMarkerCount() >= 1);
    const auto checkpoint = gs::RunDirectory::find_checkpoint(run.toStdString());
    const qint64 diverged = workerIteration();

    QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
    // Back at the last good checkpoint, with half the learning rates, recorded in changes.csv.
    QTRY_COMPARE(learningRates(), std::make_pair(0.5, 0.5));
    const auto changes = gs::read_changes(run.toStdString());
    QVERIFY(!changes.empty());
    QCOMPARE(QString::fromStdString(changes.back().value), QStringLiteral("0.5"));
    QVERIFY(changes.back().iteration <= diverged);
    QCOMPARE(gs::RunDirectory::find_checkpoint(run.toStdString()), checkpoint);  // none from NaN
    const auto health = gs::read_health(run.toStdString());
    QVERIFY(!health.empty());
    QCOMPARE(health.front().rule, gs::HealthRule::Divergence);
  }

  void aFullDiskPausesAndNothingIsLost() {
    const QString run = runPath() + QStringLiteral("-disk");
    openWindow(run);
    startAndWaitFor(5);
    const QString metrics = run + QStringLiteral("/metrics.csv");
    QSignalSpy problems(controller_->worker(), &app::TrainingWorker::problem);
    {
      gs::testing::FileSizeLimit limit(QFileInfo(metrics).size() + 2000);
      QTRY_COMPARE_WITH_TIMEOUT(window_->trainingState(), ui::TrainingState::Paused, 30000);
    }
    QVERIFY(!problems.isEmpty());
    QVERIFY2(problems.last().at(0).toString().contains(QStringLiteral("File too large")),
             qPrintable(problems.last().at(0).toString()));
    const qint64 paused = workerIteration();
    window_->pauseResumeAction()->trigger();  // room again: go on
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Running);
    QTRY_VERIFY(workerIteration() > paused + 10);
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    // Every iteration is in metrics.csv, in order: the rows that could not be written waited.
    const auto rows = gs::read_metrics(metrics.toStdString());
    QCOMPARE(static_cast<qint64>(rows.size()), workerIteration());
    for (size_t i = 0; i < rows.size(); ++i)
      QCOMPARE(rows[i].iteration, static_cast<int64_t>(i + 1));
  }

  void aMissingDataSetFailsTheStartNamingThePath() {
    const QString run = runPath() + QStringLiteral("-nodata");
    openWindow(run);
    ui::FormValues values = window_->form()->values();
    values.insert(QStringLiteral("data.path"), QStringLiteral("/nonexistent/mnist"));
    window_->form()->setValues(values);
    // The form says so as soon as the path is there, naming it.
    QVERIFY2(window_->form()
                 ->errorText(QStringLiteral("data.path"))
                 .contains(QStringLiteral("/nonexistent/mnist: no such file or folder")),
             qPrintable(window_->form()->errorText(QStringLiteral("data.path"))));
    testing_gui::DialogAnswerer answer(QStringLiteral("OK"));
    window_->startAction()->trigger();
    QTRY_VERIFY(answer.answered());
    QCOMPARE(window_->trainingState(), ui::TrainingState::Idle);
    QVERIFY(window_->startAction()->isEnabled());
    QVERIFY(!QFileInfo::exists(run));  // nothing was created
    QVERIFY(!window_->statusLine()->text().contains(QStringLiteral("left")));
  }

  void aDataFileThatVanishesFailsTheStartAndClearsTheProgress() {
    // Checked when chosen, gone when Start is pressed: the worker's load fails.
    const QString run = runPath() + QStringLiteral("-vanished");
    openWindow(run);
    startAndWaitFor(3);
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    const QString file = fixture_->path(QStringLiteral("digits-idx3-ubyte"));
    const std::vector<uint8_t> pixels(2 * 28 * 28, 128);
    fixture_->writeFile(
        QStringLiteral("digits-idx3-ubyte"),
        QByteArray::fromStdString(gs::encode_idx({2, 28, 28}, pixels.data(), pixels.size())));
    ui::FormValues values = window_->form()->values();
    values.insert(QStringLiteral("data.path"), file);
    values.insert(QStringLiteral("outputs.run_dir"), run + QStringLiteral("-2"));
    window_->form()->setValues(values);
    QCOMPARE(window_->form()->errorText(QStringLiteral("data.path")), QString());
    QFile::resize(file, 20);  // now truncated: header says 2 images, no pixels
    testing_gui::DialogAnswerer answer(QStringLiteral("OK"));
    window_->startAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Failed);
    const QString status = window_->statusLine()->text();
    QVERIFY2(!status.contains(QStringLiteral("left")) && !status.contains(QStringLiteral("it/s")) &&
                 !status.contains(QStringLiteral("iteration")),
             qPrintable(status));
  }

  void resumeRestoresCurvesAndContinues() {
    const QString run = runPath() + QStringLiteral("-resume");
    openWindow(run);
    startAndWaitFor(12);
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    const qint64 stopped = workerIteration();
    closeWindow();

    openWindow(fixture_->path(QStringLiteral("unused")));
    controller_->run()->resumeRun(run);
    QTRY_COMPARE_WITH_TIMEOUT(window_->trainingState(), ui::TrainingState::Running, 30000);
    QTRY_VERIFY(window_->plots()->pointCount() > stopped);
    QTRY_VERIFY(workerIteration() > stopped);
    window_->stopAction()->trigger();
    QTRY_COMPARE(window_->trainingState(), ui::TrainingState::Stopped);
    const auto rows = gs::read_metrics((run + QStringLiteral("/metrics.csv")).toStdString());
    QCOMPARE(static_cast<qint64>(rows.size()), workerIteration());
    QCOMPARE(window_->plots()->pointCount(), static_cast<int>(rows.size()));
  }

  void badConfigurationNamesLineAndColumn() {
    openWindow(runPath() + QStringLiteral("-bad"));
    fixture_->writeFile(QStringLiteral("bad.yaml"), "training:\n  learning_rate_d: -0.1\n");
    const QString bad = fixture_->path(QStringLiteral("bad.yaml"));
    const QString before = window_->form()->values().value(QStringLiteral("model.noise_dim"));
    QVERIFY(!controller_->config()->openConfig(bad));
    auto boxes = window_->findChildren<QMessageBox*>();
    QVERIFY(!boxes.isEmpty());
    QVERIFY2(boxes.last()->text().contains(
                 bad + QStringLiteral(":2:20: training.learning_rate_d must be > 0")),
             qPrintable(boxes.last()->text()));
    QCOMPARE(window_->form()->values().value(QStringLiteral("model.noise_dim")),
             before);  // nothing lost
  }

  void theFormSaysWhatToExpectOfTheSizeAndTheDataSet() {
    const ui::FormServices services = app::makeFormServices(false);
    const QString key = QStringLiteral("data.image_size");
    const auto note = [&](const ui::FormValues& values) {
      return services.derive(values).notes.value(key);
    };
    // The CPU default at 64 px in colour: the speed measured on 2 cores.
    const QString colour =
        note({{key, QStringLiteral("64")}, {QStringLiteral("data.channels"), QStringLiteral("3")}});
    QVERIFY2(colour.contains(QStringLiteral("about 7.6 iterations a second")), qPrintable(colour));
    QVERIFY2(colour.contains(QStringLiteral("recognisable pictures")), qPrintable(colour));
    QVERIFY(note({}).contains(QStringLiteral("about 21 iterations a second")));  // the digits
    // Another preset was never measured: nothing promised.
    QVERIFY(!note({{QStringLiteral("model.preset"), QStringLiteral("seed")}})
                 .contains(QStringLiteral("iterations a second")));
    // A small folder: what augmentation is for.
    const QString folder = fixture_->path(QStringLiteral("few"));
    QDir().mkpath(folder);
    for (int i = 0; i < 12; ++i) {
      gs::write_png(QStringLiteral("%1/%2.png").arg(folder).arg(i).toStdString(),
                    gs::Image{28, 28, std::vector<uint8_t>(28 * 28, 100), 1});
    }
    const QString few = note({{QStringLiteral("data.path"), folder}});
    QVERIFY2(few.contains(QStringLiteral("12 pictures are few for a GAN: augmentation")),
             qPrintable(few));
    QVERIFY(note({{QStringLiteral("data.path"), folder},
                  {QStringLiteral("training.augment"), QStringLiteral("off")}})
                .contains(QStringLiteral("without augmentation")));
  }

  void theLastConfigurationComesBack() {
    openWindow(runPath() + QStringLiteral("-remember"));
    auto* seed = qobject_cast<QLineEdit*>(window_->form()->editor(QStringLiteral("training.seed")));
    seed->setFocus();
    seed->selectAll();
    QTest::keyClicks(seed, QStringLiteral("42"));
    QTest::keyClick(seed, Qt::Key_Return);
    closeWindow();
    ui::MainWindow window(app::makeFormServices(false));
    app::WindowController controller(&window);
    QCOMPARE(window.form()->values().value(QStringLiteral("training.seed")), QStringLiteral("42"));
    QCOMPARE(window.form()->values().value(QStringLiteral("model.g_widths")),
             QStringLiteral("[16, 8, 4]"));
  }
};

QTEST_MAIN(TrainingWindowTest)
#include "training_window_test.moc"
