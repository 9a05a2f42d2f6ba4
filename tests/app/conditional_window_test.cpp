// Issue 15 in the real window: "draw a 7" while a conditional run trains, interpolation between
// classes, a colour run on a folder of pictures the test makes (hinge loss, 64 x 64 RGB), and a
// folder load that is cancelled.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/history/history_controller.h"
#include "app/gui/run/training_worker.h"
#include "model/io/images.h"
#include "tests/app/window_fixture.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/status_line.h"

namespace {

// The fixture's tiny compact model on `data`, with lines added under model: and data:. The seed
// preset's tiny pair (Glorot's initialisation, no average of G) when `seed`: its first samples
// already differ from class to class.
QByteArray tinyConfig(const QString& data, const QString& extraModel, const QString& extraData,
                      bool seed = false) {
  const QString networks = seed ? QStringLiteral(
                                      "  preset: seed\n  noise_dim: 8\n  g_widths: [4, 8, 4, 4]\n"
                                      "  d_widths: [4, 4, 8, 8]\n")
                                : QStringLiteral(
                                      "  preset: compact\n  noise_dim: 8\n  g_widths: [16, 8, 4]\n"
                                      "  d_widths: [4, 8, 16]\n");
  return QStringLiteral(
             "data:\n  path: %2\n%3"
             "model:\n%5%4"
             "training:\n  batch_size: 8\n  iterations: 100000\n  device: cpu\n  threads: 2\n"
             "outputs:\n  run_dir: %1\n  sample_every: 5\n  checkpoint_every: 0\n")
      .arg(QStringLiteral("%1"), data, extraData, extraModel, networks)
      .toUtf8();
}

// Pictures in three class folders: red, green and blue squares on grey, 48 x 40 pixels.
QString makePictures(const QString& root, int perClass) {
  const QList<QPair<QString, QColor>> classes = {{QStringLiteral("blue"), QColor(40, 50, 230)},
                                                 {QStringLiteral("green"), QColor(30, 200, 40)},
                                                 {QStringLiteral("red"), QColor(220, 30, 30)}};
  for (const auto& [name, colour] : classes) {
    QDir().mkpath(root + QLatin1Char('/') + name);
    for (int i = 0; i < perClass; ++i) {
      gs::Image image{48, 40, {}, 3};
      image.pixels.assign(48 * 40 * 3, 128);
      for (int y = 8 + i % 10; y < 24 + i % 10; ++y) {
        for (int x = 12; x < 36; ++x) {
          uint8_t* p = image.pixels.data() + (y * 48 + x) * 3;
          p[0] = static_cast<uint8_t>(colour.red());
          p[1] = static_cast<uint8_t>(colour.green());
          p[2] = static_cast<uint8_t>(colour.blue());
        }
      }
      gs::write_png(QStringLiteral("%1/%2/%3.png").arg(root, name).arg(i).toStdString(), image);
    }
  }
  return root;
}

}  // namespace

class ConditionalWindowTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;
  QByteArray config_;

  ui::MainWindow* window() const { return fixture_->window(); }
  ui::LatentExplorerPanel* explorer() const { return window()->explorer(); }
  bool previewSettles() {
    return QTest::qWaitFor(
        [&] { return explorer()->shownPreviewStamp() == explorer()->lastRequestedStamp(); }, 20000);
  }
  // Cancels the next load on its first report of progress, from the worker's own thread, as the
  // dialog's Cancel does through requestStop().
  static void cancelOnFirstProgress(app::TrainingWorker* worker) {
    QObject::connect(
        worker, &app::TrainingWorker::loadingProgress, worker,
        [worker](qint64 done, qint64) {
          if (done >= 0) worker->cancelLoading();
        },
        Qt::DirectConnection);
  }
  void open(const QString& run, const QByteArray& config) {
    config_ = config;
    fixture_->open(run, config_.constData());
  }

 private Q_SLOTS:
  void init() { fixture_ = std::make_unique<testing_gui::WindowFixture>(); }
  void cleanup() { fixture_.reset(); }

  void pickSevenAndTheExplorerDrawsSevensWhileTraining() {
    open(fixture_->path(QStringLiteral("digits")),
         tinyConfig(QStringLiteral("embedded"), QStringLiteral("  conditional: true\n"), {}, true));
    QVERIFY(fixture_->startAndWaitFor(3));
    QVERIFY(window()->statusLine()->model().contains(QStringLiteral("conditional (10 classes)")));
    QVERIFY(window()->statusLine()->model().contains(QStringLiteral("bce loss")));
    // The grid: a row of 8 per class.
    QTRY_COMPARE(window()->grid()->cellCount(), 80);
    QCOMPARE(window()->grid()->rows(), 10);
    QTRY_VERIFY(explorer()->isAvailable());
    QCOMPARE(explorer()->noiseDim(), 8);
    QCOMPARE(explorer()->classes(), 10);

    // A cell of row 7 brings its z and class 7.
    Q_EMIT window()->grid()->cellClicked(7 * 8 + 2);
    QVERIFY(previewSettles());
    QCOMPARE(explorer()->currentClass(), 7);
    const QVector<float> cell = explorer()->latent();
    QCOMPARE(cell.size(), 18);
    QCOMPARE(cell[8 + 7], 1.0f);
    const QImage seven = explorer()->preview();

    // The same z asked for as a 3 draws something else, and back to 7 draws the seven again
    // (pause first, so that the weights hold still).
    window()->pauseResumeAction()->trigger();
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Paused);
    QVERIFY(fixture_->waitForFreshWeights());  // the paused weights are the explorer's
    explorer()->setClass(7);
    QVERIFY(previewSettles());
    const QImage sevenPaused = explorer()->preview();
    explorer()->setClass(3);
    QVERIFY(previewSettles());
    QCOMPARE(explorer()->latent()[8 + 3], 1.0f);
    QCOMPARE(explorer()->latent()[8 + 7], 0.0f);
    QVERIFY(explorer()->preview() != sevenPaused);
    explorer()->setClass(7);
    QVERIFY(previewSettles());
    QCOMPARE(explorer()->preview(), sevenPaused);
    Q_UNUSED(seven);

    // Between classes at a fixed z: A is the 3, B the 7 with the same z.
    explorer()->setClass(3);
    explorer()->setEndpoint(0, explorer()->latent());
    explorer()->setClass(7);
    QSignalSpy strips(explorer(), &ui::LatentExplorerPanel::stripRequested);
    explorer()->setEndpoint(1, explorer()->latent());
    QCOMPARE(strips.count(), 1);
    const QVector<float> frames = strips.first().at(0).value<QVector<float>>();
    QCOMPARE(frames.size(), 9 * 18);
    const QVector<float> middle = frames.mid(4 * 18, 18);
    QCOMPARE(middle.mid(0, 8), cell.mid(0, 8));  // z stays
    QCOMPARE(middle[8 + 3], 0.5f);
    QCOMPARE(middle[8 + 7], 0.5f);
    QTRY_COMPARE(explorer()->stripFrames().size(), 9);
    QVERIFY(explorer()->stripFrames().first() != explorer()->stripFrames().last());
  }

  void aFoldersClassesAreNamedInTheExplorerTheGridAndTheQualityMeter() {
    const QString pictures = makePictures(fixture_->path(QStringLiteral("named")), 4);
    open(fixture_->path(QStringLiteral("named-run")),
         tinyConfig(pictures, QStringLiteral("  conditional: true\n"),
                    QStringLiteral("  channels: 3\n")));
    QVERIFY(fixture_->startAndWaitFor(2));
    QTRY_VERIFY(explorer()->isAvailable());
    QTRY_COMPARE(explorer()->classes(), 3);
    QTRY_COMPARE(explorer()->className(0), QStringLiteral("blue"));
    QCOMPARE(explorer()->className(2), QStringLiteral("red"));
    // The grid's rows: a label at the left of each, the first cell right of it.
    const QStringList names = {QStringLiteral("blue"), QStringLiteral("green"),
                               QStringLiteral("red")};
    QCOMPARE(window()->grid()->rowLabels(), names);
    QTRY_COMPARE(window()->grid()->rows(), 3);
    const QRect label = window()->grid()->rowLabelRect(2);
    QVERIFY(!label.isEmpty());
    QCOMPARE(window()->grid()->cellAt(label.center()), -1);
    QCOMPARE(window()->grid()->cellAt(QPoint(label.right() + 12, label.center().y())), 2 * 8);
    // The quality meter's samples per class, by name.
    ui::QualityPoint point;
    point.fd = 3;
    point.classes = 3;
    point.classesCovered = 3;
    point.histogram = {0.5, 0.25, 0.25};
    window()->appendQuality(point);
    QVERIFY2(window()->statusLine()->qualityToolTip().contains(
                 QStringLiteral("blue 50% · green 25% · red 25%")),
             qPrintable(window()->statusLine()->qualityToolTip()));
  }

  void aColourFolderTrainsAt64PixelsWithHingeLoss() {
    const QString pictures = makePictures(fixture_->path(QStringLiteral("pictures")), 8);
    QByteArray config =
        tinyConfig(pictures, {}, QStringLiteral("  image_size: 64\n  channels: 3\n"));
    config.replace("training:\n", "training:\n  loss: hinge\n");
    open(fixture_->path(QStringLiteral("colour")), config);
    QVERIFY(fixture_->startAndWaitFor(3));
    QVERIFY(window()->statusLine()->model().contains(QStringLiteral("hinge loss")));
    QVERIFY(window()->statusLine()->model().contains(QStringLiteral("RGB 64 × 64")));
    QTRY_VERIFY(window()->grid()->cellCount() == 64);
    QCOMPARE(window()->grid()->cellSide(), 64);
    QVERIFY(window()->grid()->grid().format() != QImage::Format_Grayscale8);
    QTRY_VERIFY(explorer()->isAvailable());
    QCOMPARE(explorer()->classes(), 0);  // not conditional: no class picker
    Q_EMIT window()->grid()->cellClicked(3);
    QVERIFY(previewSettles());
    QCOMPARE(explorer()->preview().size(), QSize(64, 64));
    QCOMPARE(explorer()->preview().format(), QImage::Format_RGB888);
    // The history reads the run's colour grids back at their size (what the scrubber and the
    // watcher show).
    const QString sample = fixture_->path(QStringLiteral("colour/samples/iter_0000005.png"));
    QTRY_VERIFY(QFile::exists(sample));
    const QImage grid = app::HistoryController::gridFromSampleFile(sample, 8);
    QCOMPARE(grid.size(), QSize(8 * 64, 8 * 64));
    QCOMPARE(grid.format(), QImage::Format_RGB888);
  }

  void loadingAFolderCanBeCancelledAndStartsNothing() {
    const QString pictures = makePictures(fixture_->path(QStringLiteral("many")), 40);
    const QString run = fixture_->path(QStringLiteral("cancelled"));
    open(run, tinyConfig(pictures, {}, {}));
    app::TrainingWorker* worker = fixture_->controller()->worker();
    QSignalSpy reports(worker, &app::TrainingWorker::loadingProgress);
    cancelOnFirstProgress(worker);
    window()->startAction()->trigger();
    QTRY_VERIFY(!reports.isEmpty() && reports.last().at(0).toLongLong() == -1);
    QCOMPARE(reports.first().at(1).toLongLong(), 120);  // files in all
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Idle);
    QVERIFY(!QDir(run).exists());  // a cancelled load leaves no run folder
    QVERIFY(window()->loadingDialog() == nullptr);
    // The dialog itself: progress with a Cancel button that asks for the cancel.
    window()->showLoading(10, 120);
    QVERIFY(window()->loadingDialog() != nullptr);
    QSignalSpy cancel(window(), &ui::MainWindow::loadCancelRequested);
    auto* button = window()->loadingDialog()->findChild<QPushButton*>();
    QVERIFY(button != nullptr);
    QCOMPARE(button->text(), QStringLiteral("Cancel"));
    button->click();
    QCOMPARE(cancel.count(), 1);
    window()->showLoading(-1, -1);
    QVERIFY(window()->loadingDialog() == nullptr);
  }

  void resumingARunOnAFolderCanBeCancelledAndLeavesItAsItWas() {
    const QString pictures = makePictures(fixture_->path(QStringLiteral("few")), 10);
    const QString run = fixture_->path(QStringLiteral("resumable"));
    open(run, tinyConfig(pictures, {}, {}));
    QVERIFY(fixture_->startAndWaitFor(3));
    window()->stopAction()->trigger();
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Stopped);
    const QByteArray metrics = [&] {
      QFile file(run + QStringLiteral("/metrics.csv"));
      return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QVERIFY(!metrics.isEmpty());
    app::TrainingWorker* worker = fixture_->controller()->worker();
    QSignalSpy states(worker, &app::TrainingWorker::stateChanged);
    cancelOnFirstProgress(worker);
    Q_EMIT window()->resumeRunRequested(run);
    QTRY_VERIFY(!states.isEmpty() &&
                states.last().at(1).toString().contains(QStringLiteral("Loading cancelled")));
    QFile file(run + QStringLiteral("/metrics.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), metrics);  // the run is as it was
  }
};

QTEST_MAIN(ConditionalWindowTest)
#include "conditional_window_test.moc"
