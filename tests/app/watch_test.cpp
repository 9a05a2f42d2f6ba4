// Watching and steering a headless run (issue 14): a real `ganstudio-cli train` in its own process
// and the window following it through the run folder, steering it through the control folder.
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "app/gui/watch/watch_controller.h"
#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_directory.h"
#include "tests/app/window_fixture.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/training/config_form.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/status_line.h"

namespace {

const QStringList kTinyTrainer = {QStringLiteral("--quiet"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("model.preset=compact"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("model.noise_dim=8"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("model.g_widths=[16, 8, 4]"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("model.d_widths=[4, 8, 16]"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("training.batch_size=8"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("training.threads=1"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("training.device=cpu"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("training.iterations=1000000"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("outputs.sample_every=20"),
                                  QStringLiteral("--set"),
                                  QStringLiteral("quality.every=0")};

qint64 lastRowOnDisk(const QString& run) {
  const auto row = gs::read_last_metrics((run + QStringLiteral("/metrics.csv")).toStdString());
  return row ? row->iteration : 0;
}

// The iteration of the newest acknowledgement of `key` in changes.csv (-1: none).
qint64 acknowledgedAt(const QString& run, const std::string& key) {
  qint64 at = -1;
  for (const gs::SettingChange& c : gs::read_changes(run.toStdString()))
    if (c.key == key) at = c.iteration;
  return at;
}

}  // namespace

class WatchTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;
  QProcess trainer_;

  ui::MainWindow* window() const { return fixture_->window(); }
  app::WatchController* watcher() const { return fixture_->controller()->watch(); }

  bool startTrainer(const QString& run, const QStringList& more = {}) {
    trainer_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    trainer_.start(
        QStringLiteral(GANSTUDIO_CLI_PATH),
        QStringList{QStringLiteral("train"), QStringLiteral("--out"), run} + kTinyTrainer + more);
    if (!trainer_.waitForStarted(10000)) return false;
    // Listening once its status is there.
    return QTest::qWaitFor([&] { return QFile::exists(run + QStringLiteral("/control/status")); },
                           60000);
  }

  void stopTrainer() {
    if (trainer_.state() == QProcess::NotRunning) return;
    trainer_.terminate();  // SIGTERM: as Ctrl-C, a checkpoint and exit 0
    if (!trainer_.waitForFinished(30000)) trainer_.kill();
    trainer_.waitForFinished(5000);
  }

 private Q_SLOTS:
  void initTestCase() { QSettings().setValue(QStringLiteral("watch/pollSeconds"), 0.5); }

  void init() {
    fixture_ = std::make_unique<testing_gui::WindowFixture>();
    fixture_->open(fixture_->path(QStringLiteral("own")));
  }

  void cleanup() {
    stopTrainer();
    fixture_.reset();
  }

  void followsEveryRowAndSteersTheTrainer() {
    const QString run = fixture_->path(QStringLiteral("headless"));
    QVERIFY(startTrainer(run));
    QVERIFY(watcher()->watch(run));
    QVERIFY(window()->watching());
    QVERIFY(!window()->startAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(window()->plots()->pointCount() > 20, 30000);
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Running);
    QVERIFY(window()->statusLine()->text().contains(QStringLiteral("watching · last update")));

    // Pause from the window: the trainer reads the request within its 50 ms polling interval and
    // acknowledges it (docs/PERFORMANCE.md, "Steering latency": how soon); the window says Paused.
    window()->pauseResumeAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(acknowledgedAt(run, "control.pause") > 0, 10000);
    const qint64 pausedAt = acknowledgedAt(run, "control.pause");
    QTRY_COMPARE_WITH_TIMEOUT(window()->trainingState(), ui::TrainingState::Paused, 10000);
    // The paused trainer goes round again without training: no row comes after the pause (its
    // rows were flushed when it paused), and its status stays at the iteration before it.
    QVERIFY(testing_gui::WindowFixture::statusHoldsThrough(run, pausedAt - 1));
    QCOMPARE(lastRowOnDisk(run), pausedAt - 1);
    QCOMPARE(gs::read_trainer_status(run.toStdString())->iteration, pausedAt - 1);

    // A live learning rate from the form reaches the trainer, which acknowledges it.
    QSignalSpy acks(watcher(), &app::WatchController::acknowledged);
    auto* lr = qobject_cast<QLineEdit*>(
        window()->form()->editor(QStringLiteral("training.learning_rate_d")));
    QVERIFY(lr);
    lr->setFocus();
    lr->selectAll();
    QTest::keyClicks(lr, QStringLiteral("0.00011"));
    QTest::keyClick(lr, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledgedAt(run, "training.learning_rate_d") > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (const QList<QVariant>& ack : acks)
            if (ack.at(0).toString() == QStringLiteral("training.learning_rate_d") &&
                ack.at(1).toString() == QStringLiteral("0.00011"))
              return true;
          return false;
        }(),
        10000);
    const gs::RunConfig effective =
        gs::load_config((run + QStringLiteral("/config.yaml")).toStdString());
    QCOMPARE(*effective.training.learning_rate_d, 0.00011);  // the trainer's optimizer's rate

    // Resume: rows come again.
    window()->pauseResumeAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(acknowledgedAt(run, "control.resume") > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(lastRowOnDisk(run) > pausedAt + 5, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window()->trainingState(), ui::TrainingState::Running, 10000);

    // A change from a shell (ganstudio-cli control) shows in the window's form.
    QCOMPARE(QProcess::execute(QStringLiteral(GANSTUDIO_CLI_PATH),
                               {QStringLiteral("control"), run, QStringLiteral("set"),
                                QStringLiteral("training.learning_rate_g=0.0003")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(
        window()->form()->values().value(QStringLiteral("training.learning_rate_g")),
        QStringLiteral("0.0003"), 10000);

    // Stop from the window: the trainer ends with a checkpoint; the charts hold every row.
    window()->stopAction()->trigger();
    QVERIFY(trainer_.waitForFinished(30000));
    QCOMPARE(trainer_.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window()->trainingState(), ui::TrainingState::Stopped, 10000);
    const auto rows = gs::read_metrics((run + QStringLiteral("/metrics.csv")).toStdString());
    QTRY_COMPARE_WITH_TIMEOUT(window()->plots()->pointCount(), static_cast<int>(rows.size()),
                              10000);
    QCOMPARE(window()->plots()->markerCount(), 2);  // the learning rates, not the control rows
    QVERIFY(!gs::RunDirectory::checkpoints(run.toStdString()).empty());
    // The window wrote nothing into the run folder but requests, and none is left.
    QVERIFY(QDir(run + QStringLiteral("/control"))
                .entryList({QStringLiteral("*.request")}, QDir::Files)
                .isEmpty());
  }

  // A data-parallel run is watched like any other; the status line says who trains it.
  void namesTheProcessesOfADataParallelRun() {
    const QString run = fixture_->path(QStringLiteral("ranks"));
    QVERIFY(startTrainer(run, {QStringLiteral("--nproc"), QStringLiteral("2")}));
    QVERIFY(watcher()->watch(run));
    QTRY_VERIFY_WITH_TIMEOUT(window()->plots()->pointCount() > 5, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        window()->statusLine()->text().contains(QStringLiteral("| 2 processes on ")), 10000);
    stopTrainer();  // SIGTERM to the launcher, forwarded to both ranks: a checkpoint, exit 0
    QCOMPARE(trainer_.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window()->trainingState(), ui::TrainingState::Interrupted, 10000);
  }

  // The trainer shares D beside G (control/discriminator.pt, D first): the watching window shows
  // where D looks in its explorer's image.
  void aWatchedRunShowsWhereDLooks() {
    const QString run = fixture_->path(QStringLiteral("look"));
    QVERIFY(startTrainer(run));
    QVERIFY(watcher()->watch(run));
    ui::LatentExplorerPanel* explorer = window()->explorer();
    QTRY_VERIFY_WITH_TIMEOUT(explorer->isAvailable(), 30000);
    QVERIFY(QFile::exists(run + QStringLiteral("/control/discriminator.pt")));
    explorer->setLatent(QVector<float>(explorer->noiseDim(), 0.5f));
    explorer->setShowSaliency(true);
    QTRY_VERIFY_WITH_TIMEOUT(explorer->saliency().values.size() == 28 * 28, 30000);
    QVERIFY(explorer->saliency().score > 0 && explorer->saliency().score < 1);
    stopTrainer();
  }

  // Closing the window while it watches: a poll that comes after the explorer's generator thread
  // ended finds no generator (it crashed on a dangling one when a fresh snapshot was there).
  void aPollAfterShutdownIgnoresTheSnapshot() {
    const QString run = fixture_->path(QStringLiteral("closing"));
    QVERIFY(startTrainer(run));
    QVERIFY(watcher()->watch(run));
    const QString snapshot = run + QStringLiteral("/control/generator.pt");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(snapshot), 30000);
    stopTrainer();
    fixture_->controller()->shutdown(false);
    QCOMPARE(fixture_->controller()->generator(), nullptr);
    QFile file(snapshot);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60),
                             QFileDevice::FileModificationTime));
    file.close();
    watcher()->pollNow();  // reads the newer snapshot: nothing to hand it to
  }

  void twoWatchersDoNotConflict() {
    const QString run = fixture_->path(QStringLiteral("shared"));
    QVERIFY(startTrainer(run));
    testing_gui::WindowFixture other;
    other.open(other.path(QStringLiteral("own")));
    QVERIFY(watcher()->watch(run));
    QVERIFY(other.controller()->watch()->watch(run));
    QTRY_VERIFY_WITH_TIMEOUT(other.window()->plots()->pointCount() > 10, 30000);
    // One pauses, the other resumes, both at once: both are applied, in order, once each.
    window()->pauseResumeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(other.window()->trainingState(), ui::TrainingState::Paused, 10000);
    other.window()->pauseResumeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window()->trainingState(), ui::TrainingState::Running, 10000);
    QCOMPARE(acknowledgedAt(run, "control.pause") <= acknowledgedAt(run, "control.resume"), true);
    const qint64 before = lastRowOnDisk(run);
    QTRY_VERIFY_WITH_TIMEOUT(lastRowOnDisk(run) > before + 5, 20000);
    stopTrainer();
    // One header, every iteration once, in order.
    const auto rows = gs::read_metrics((run + QStringLiteral("/metrics.csv")).toStdString());
    for (size_t i = 0; i < rows.size(); ++i) QCOMPARE(rows[i].iteration, qint64(i + 1));
    QTRY_COMPARE_WITH_TIMEOUT(other.window()->plots()->pointCount(), static_cast<int>(rows.size()),
                              10000);
  }

  void aReplacedFileAndAHalfWrittenLineAreHandled() {
    // A folder that a sync tool copies: no trainer, files written by hand.
    const QString run = fixture_->path(QStringLiteral("synced"));
    QDir().mkpath(run);
    const std::string config = gs::to_yaml(gs::RunConfig{});
    gs::write_file_atomically((run + QStringLiteral("/config.yaml")).toStdString(), config);
    std::string rows = std::string(gs::kMetricsHeader) + "\n";
    for (int i = 1; i <= 5; ++i) rows += std::to_string(i) + ",1,0.5,1,0.5,0.5,0.5,1,1,10,0.1,0\n";
    const std::string metrics = (run + QStringLiteral("/metrics.csv")).toStdString();
    gs::write_file_atomically(metrics, rows + "6,1,0.5");  // the last line is being written
    QVERIFY(watcher()->watch(run));
    QTRY_COMPARE(window()->plots()->pointCount(), 5);
    {
      QFile file(QString::fromStdString(metrics));
      QVERIFY(file.open(QIODevice::Append));
      file.write(",1,0.5,0.5,0.5,1,1,10,0.1,0\n");
    }
    QTRY_COMPARE(window()->plots()->pointCount(), 6);
    // Replaced underneath (rsync's rename), shorter: read again from its start.
    std::string three = std::string(gs::kMetricsHeader) + "\n";
    for (int i = 1; i <= 3; ++i) three += std::to_string(i) + ",2,0.5,1,0.5,0.5,0.5,1,1,10,0.1,0\n";
    gs::write_file_atomically(metrics, three);
    QTRY_COMPARE(window()->plots()->pointCount(), 3);
    QCOMPARE(window()->plots()->series(ui::PlotsPanel::kDLoss).raw().front(), 2.0);
    // No trainer writes: the status line says how long it has been quiet.
    QVERIFY(window()->statusLine()->text().contains(QStringLiteral("watching")));
    watcher()->stopWatching();
    QVERIFY(!window()->watching());
  }

  // A snapshot in a copied folder is read as a checkpoint's payload is: a damaged or hostile one
  // is named in the status line and never reaches LibTorch.
  void aDamagedSnapshotIsNamedAndNotUsed() {
    const QString run = fixture_->path(QStringLiteral("copied"));
    QVERIFY(startTrainer(run));
    const QString snapshot = run + QStringLiteral("/control/generator.pt");
    QVERIFY(watcher()->watch(run));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(snapshot), 30000);
    stopTrainer();
    QFile sound(snapshot);
    QVERIFY(sound.open(QIODevice::ReadOnly));
    const QByteArray weights = sound.readAll();
    sound.close();
    // Replaced by a file whose zip directory claims 2 GB records, newer than the last one read.
    QByteArray lying = weights;
    const qsizetype record = lying.indexOf(QByteArray("PK\x01\x02", 4));
    QVERIFY(record > 0);
    for (int at : {20, 24}) {
      const char claim[4] = {'\xff', '\xff', '\xff', '\x7f'};
      lying.replace(record + at, 4, claim, 4);
    }
    gs::write_file_atomically(snapshot.toStdString(), lying.toStdString());
    QFile file(snapshot);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60),
                             QFileDevice::FileModificationTime));
    file.close();
    watcher()->pollNow();
    QVERIFY2(window()->message().contains(QStringLiteral("generator snapshot was not used")) &&
                 window()->message().contains(snapshot),
             qPrintable(window()->message()));
  }
};

QTEST_MAIN(WatchTest)
#include "watch_test.moc"
