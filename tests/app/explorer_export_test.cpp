// The latent explorer and the exports, in the real window with real generators.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <algorithm>
#include <memory>

#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/export/export_controller.h"
#include "model/data/idx.h"
#include "model/io/gif.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "tests/app/window_fixture.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/export/export_dialog.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"

class ExplorerExportTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;

  ui::MainWindow* window() const { return fixture_->window(); }
  app::WindowController* controller() const { return fixture_->controller(); }
  ui::LatentExplorerPanel* explorer() const { return window()->explorer(); }

  // Waits until the newest request has been rendered and shown.
  bool previewSettles() {
    return QTest::qWaitFor(
        [&] { return explorer()->shownPreviewStamp() == explorer()->lastRequestedStamp(); }, 20000);
  }

  // Trains a little (three sample grids on disk, for the GIF), stops, and leaves the window on
  // the finished run.
  void trainAndStop(const QString& run, int points) {
    QVERIFY(fixture_->trainAndStop(run, points, 3));
  }

  std::pair<bool, QString> exportNow(const ui::ExportRequest& request) {
    return fixture_->exportNow(request);
  }

 private Q_SLOTS:
  void init() { fixture_ = std::make_unique<testing_gui::WindowFixture>(); }
  void cleanup() { fixture_.reset(); }

  void explorerWorksWhileTrainingRuns() {
    fixture_->open(fixture_->path(QStringLiteral("run")));
    QVERIFY(fixture_->startAndWaitFor(3));
    QTRY_VERIFY(explorer()->isAvailable());
    QCOMPARE(explorer()->noiseDim(), 8);
    // Clicking a grid cell loads that cell's latent vector.
    QTRY_VERIFY(window()->grid()->cellCount() == 64);
    const QRect cell0 = [&] {
      for (int y = 0; y < window()->grid()->height(); y += 2) {
        for (int x = 0; x < window()->grid()->width(); x += 2) {
          if (window()->grid()->cellAt(QPoint(x, y)) == 5) return QRect(x, y, 1, 1);
        }
      }
      return QRect();
    }();
    QVERIFY(!cell0.isNull());
    QTest::mouseClick(window()->grid(), Qt::LeftButton, {}, cell0.center() + QPoint(3, 3));
    QCOMPARE(window()->grid()->selectedCell(), 5);
    QVERIFY(previewSettles());
    const QImage first = explorer()->preview();
    QCOMPARE(first.size(), QSize(28, 28));
    QVERIFY(explorer()->latent() != QVector<float>(8, 0.0f));
    // Moving a slider changes the preview, while training goes on.
    const qint64 before = fixture_->workerIteration();
    explorer()->slider(2)->setValue(explorer()->slider(2)->value() > 0 ? -300 : 300);
    QVERIFY(previewSettles());
    QVERIFY(explorer()->preview() != first);
    QTRY_VERIFY(fixture_->workerIteration() > before + 5);
    QCOMPARE(window()->trainingState(), ui::TrainingState::Running);
  }

  void aBurstOfSliderMovesRendersFewFramesAndEndsOnTheLast() {
    trainAndStop(fixture_->path(QStringLiteral("burst")), 5);
    explorer()->setLatent(QVector<float>(8, 0.0f));
    QVERIFY(previewSettles());
    // The run's last weights may still be on their way to the generator thread, and each new set
    // re-renders the preview: let that happen before counting. Two round trips: the first runs
    // what is queued there now, the second what that queued in turn.
    for (int i = 0; i < 2; ++i) {
      QMetaObject::invokeMethod(
          controller()->generator(), [] {}, Qt::BlockingQueuedConnection);
    }
    QVERIFY(previewSettles());
    const int before = controller()->generator()->previewsRendered();
    // The generator thread is busy (held at a gate) while 100 moves arrive, as when a person drags
    // faster than frames render: when it is free, it renders only the newest request.
    QSemaphore busy;
    QSemaphore gate;
    QMetaObject::invokeMethod(controller()->generator(), [&] {
      busy.release();
      gate.acquire();
    });
    busy.acquire();
    for (int i = 0; i < 100; ++i) explorer()->slider(i % 8)->setValue(-300 + 6 * i);
    gate.release();
    QVERIFY(previewSettles());
    QCOMPARE(controller()->generator()->previewsRendered() - before, 1);
    // The frame shown is the last vector's: rendering it again gives the same picture.
    const QImage last = explorer()->preview();
    const QVector<float> z = explorer()->latent();
    QCOMPARE(z[3], static_cast<float>((-300 + 6 * 99) / 100.0));
    explorer()->setLatent(z);
    QVERIFY(previewSettles());
    QCOMPARE(explorer()->preview(), last);
  }

  void openACheckpointAndExploreWithoutTraining() {
    const QString run = fixture_->path(QStringLiteral("ckpt"));
    trainAndStop(run, 8);
    const QString checkpoint =
        QString::fromStdString(gs::RunDirectory::find_checkpoint(run.toStdString()));
    fixture_->open(fixture_->path(QStringLiteral("unused")));
    QVERIFY(!explorer()->isAvailable());
    QSignalSpy opened(controller()->explorer(), &app::ExplorerController::checkpointOpened);
    controller()->explorer()->openCheckpoint(checkpoint);
    QVERIFY(opened.wait(20000));
    QVERIFY(explorer()->isAvailable());
    QCOMPARE(window()->grid()->cellCount(), 64);
    QCOMPARE(window()->trainingState(), ui::TrainingState::Idle);
    Q_EMIT window()->grid()->cellClicked(10);
    QVERIFY(previewSettles());
    QVERIFY(!explorer()->preview().isNull());
    QCOMPARE(controller()->session().runFolder, run);
  }

  void exportsFromTheWindow() {
    const QString run = fixture_->path(QStringLiteral("exports"));
    trainAndStop(run, 12);
    explorer()->setEndpoint(0, QVector<float>(8, -1.0f));
    explorer()->setEndpoint(1, QVector<float>(8, 1.0f));
    QTRY_COMPARE(explorer()->stripFrames().size(), 9);
    QVERIFY(previewSettles());
    using Kind = ui::ExportRequest::Kind;
    auto request = [&](Kind kind, const QString& name) {
      ui::ExportRequest r;
      r.kind = kind;
      r.path = fixture_->path(name);
      r.scale = 3;
      return r;
    };

    auto [ok, message] = exportNow(request(Kind::GridPng, QStringLiteral("grid.png")));
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(message.contains(fixture_->path(QStringLiteral("grid.png"))));
    gs::Image image = gs::read_png(fixture_->path(QStringLiteral("grid.png")).toStdString());
    QCOMPARE(image.width, (8 * 28 + 9 * 2) * 3);
    QCOMPARE(image.height, image.width);

    ui::ExportRequest noGaps = request(Kind::GridPng, QStringLiteral("grid-no-gaps.png"));
    noGaps.gaps = false;
    noGaps.scale = 1;
    QVERIFY(exportNow(noGaps).first);
    QCOMPARE(gs::read_png(noGaps.path.toStdString()).width, 8 * 28);

    QVERIFY(exportNow(request(Kind::DigitPng, QStringLiteral("digit.png"))).first);
    QCOMPARE(gs::read_png(fixture_->path(QStringLiteral("digit.png")).toStdString()).width, 28 * 3);

    QVERIFY(exportNow(request(Kind::StripPng, QStringLiteral("strip.png"))).first);
    image = gs::read_png(fixture_->path(QStringLiteral("strip.png")).toStdString());
    QCOMPARE(image.width, (9 * 28 + 10 * 2) * 3);
    QCOMPARE(image.height, (28 + 2 * 2) * 3);

    ui::ExportRequest gif = request(Kind::TrainingGif, QStringLiteral("training.gif"));
    gif.delayMs = 200;
    QVERIFY(exportNow(gif).first);
    const gs::GifInfo info = gs::read_gif_info(gif.path.toStdString());
    QCOMPARE(info.frames,
             static_cast<int>(gs::RunDirectory::sample_grids(run.toStdString()).size()));
    QVERIFY(info.frames >= 3);
    QCOMPARE(info.delay_ms, 200);

    ui::ExportRequest idx = request(Kind::SamplesIdx, QStringLiteral("samples.idx"));
    idx.count = 1000;
    idx.seed = 9;
    QVERIFY(exportNow(idx).first);
    const gs::IdxArray samples = gs::read_idx_file(idx.path.toStdString());
    QCOMPARE(samples.dims, (std::vector<uint32_t>{1000, 28, 28}));
    idx.path = fixture_->path(QStringLiteral("again.idx"));
    QVERIFY(exportNow(idx).first);
    QCOMPARE(gs::read_idx_file(idx.path.toStdString()).data,
             samples.data);  // same seed, same samples

    ui::ExportRequest folder = request(Kind::SamplesPngFolder, QStringLiteral("pngs"));
    folder.count = 12;
    QVERIFY(exportNow(folder).first);
    QCOMPARE(QDir(folder.path).entryList({QStringLiteral("*.png")}, QDir::Files).size(), 12);

    QVERIFY(exportNow(request(Kind::MetricsCsv, QStringLiteral("metrics.csv"))).first);
    QCOMPARE(gs::read_metrics(fixture_->path(QStringLiteral("metrics.csv")).toStdString()).size(),
             gs::read_metrics((run + QStringLiteral("/metrics.csv")).toStdString()).size());
    QVERIFY(exportNow(request(Kind::ConfigYaml, QStringLiteral("config-out.yaml"))).first);
    QVERIFY(QFile(fixture_->path(QStringLiteral("config-out.yaml"))).size() > 100);
  }

  void aFailedExportSaysWhyAndLeavesNothing() {
    trainAndStop(fixture_->path(QStringLiteral("fail")), 3);
    fixture_->writeFile(QStringLiteral("plain-file"), "x");
    ui::ExportRequest r;
    r.kind = ui::ExportRequest::GridPng;
    r.path = fixture_->path(QStringLiteral("plain-file/grid.png"));
    const auto [ok, message] = exportNow(r);
    QVERIFY(!ok);
    QVERIFY2(message.startsWith(r.path + QStringLiteral(": ")), qPrintable(message));
    QVERIFY(!QFile::exists(r.path));
    QCOMPARE(QDir(fixture_->path(QString()))
                 .entryList({QStringLiteral(".grid*")}, QDir::Hidden | QDir::Files)
                 .size(),
             0);
  }
};

QTEST_MAIN(ExplorerExportTest)
#include "explorer_export_test.moc"
