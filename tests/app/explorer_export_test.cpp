// The latent explorer and the exports, in the real window with real generators.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMouseEvent>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <algorithm>
#include <memory>
#include <string>

#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/explorer/generator_service.h"
#include "app/gui/export/export_controller.h"
#include "model/data/idx.h"
#include "model/io/file_io.h"
#include "model/io/gif.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "tests/app/window_fixture.h"
#include "ui/explorer/drawing_pad.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/explorer/layer_maps_view.h"
#include "ui/explorer/projection_pad.h"
#include "ui/export/export_dialog.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"

namespace {

// The fixture's tiny configuration with G itself drawing (no moving average).
const std::string& tinyNoAverageConfig() {
  static const std::string text = [] {
    std::string config = testing_gui::kTinyConfig;
    const std::string threads = "  threads: 2\n";
    config.replace(config.find(threads), threads.size(), threads + "  g_average: 0\n");
    return config;
  }();
  return text;
}

}  // namespace

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

  // Mean absolute difference (0..1) of two grey images of one size.
  static double pixelError(const QImage& a, const QImage& b) {
    const QImage x = a.convertToFormat(QImage::Format_Grayscale8);
    const QImage y = b.convertToFormat(QImage::Format_Grayscale8);
    if (x.size() != y.size()) return 1.0;
    double sum = 0;
    for (int r = 0; r < x.height(); ++r)
      for (int c = 0; c < x.width(); ++c)
        sum += std::abs(x.constScanLine(r)[c] - y.constScanLine(r)[c]);
    return sum / (255.0 * x.width() * x.height());
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

  void aStrokeOnThePadIsProjectedAndTheSlidersMoveOnFromIt() {
    // G itself (no moving average, which lags near its start) trained long enough that its
    // images differ with z: a tiny model's projection then has somewhere to go.
    fixture_->open(fixture_->path(QStringLiteral("project")), tinyNoAverageConfig().c_str());
    QVERIFY(fixture_->startAndWaitFor(120));
    QTRY_VERIFY_WITH_TIMEOUT(explorer()->isAvailable(), 20000);
    // Paused: the weights hold still, so the preview is the projection's image itself.
    window()->pauseResumeAction()->trigger();
    QTRY_COMPARE(window()->trainingState(), ui::TrainingState::Paused);
    explorer()->setLatent(QVector<float>(8, 0.0f));
    QVERIFY(previewSettles());
    const QImage before = explorer()->preview();
    explorer()->showPage(ui::LatentExplorerPanel::Page::Draw);
    ui::ProjectionPad* page = explorer()->projectionPad();
    ui::DrawingPad* pad = page->pad();
    QVERIFY(pad->isBlank());
    // A stroke with the mouse: a bar down the middle, as a 1 is drawn.
    const double scale = pad->width() / 28.0;
    QTest::mousePress(pad, Qt::LeftButton, {}, QPoint(int(14 * scale), int(5 * scale)));
    for (int y = 6; y <= 23; ++y) {
      QMouseEvent move(QEvent::MouseMove, QPointF(14 * scale, y * scale),
                       pad->mapToGlobal(QPointF(14 * scale, y * scale)), Qt::NoButton,
                       Qt::LeftButton, Qt::NoModifier);
      QApplication::sendEvent(pad, &move);
    }
    QTest::mouseRelease(pad, Qt::LeftButton, {}, QPoint(int(14 * scale), int(23 * scale)));
    QVERIFY(!pad->isBlank());
    const QImage drawn =
        pad->picture().scaled(28, 28, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QVERIFY(pixelError(drawn, QImage(28, 28, QImage::Format_Grayscale8)) > 0.02);  // ink on it

    QSignalSpy finished(controller()->explorer()->generator(),
                        &app::GeneratorService::projectionFinished);
    QSignalSpy live(controller()->explorer()->generator(), &app::GeneratorService::projectionImage);
    QPushButton* project = nullptr;
    for (QPushButton* button : page->findChildren<QPushButton*>())
      if (button->text() == QStringLiteral("Pro&ject Drawing")) project = button;
    QVERIFY(project && project->isEnabled());
    project->click();
    QVERIFY(explorer()->projecting());
    QVERIFY(!explorer()->slider(0)->isEnabled());  // the explorer waits for the projection
    QVERIFY(finished.wait(120000));
    QVERIFY(live.count() >= 10);  // the preview showed it as it went (every 10 of 300 steps)
    const auto outcome = finished.front().front().value<ui::ProjectionOutcome>();
    QCOMPARE(outcome.steps, 300);
    QVERIFY(!outcome.cancelled);
    QVERIFY2(outcome.error < outcome.startError,
             qPrintable(QStringLiteral("%1 -> %2").arg(outcome.startError).arg(outcome.error)));
    QVERIFY(!explorer()->projecting());
    QVERIFY(page->result().contains(QStringLiteral("Pixel error")));
    // The preview holds the projection: closer to the drawing than what it showed before.
    QVERIFY(previewSettles());
    const QImage projected = explorer()->preview();
    QCOMPARE(projected, outcome.image);
    const double errorBefore = pixelError(before, outcome.target);
    const double errorAfter = pixelError(projected, outcome.target);
    qInfo("pixel error to the drawing: preview %.3f -> projection %.3f (best start %.3f)",
          errorBefore, errorAfter, outcome.startError);
    QVERIFY2(errorAfter < errorBefore,
             qPrintable(QStringLiteral("%1 -> %2").arg(errorBefore).arg(errorAfter)));
    QCOMPARE(explorer()->latent(), outcome.inputs);
    // The sliders hold the projected z and move the image from there.
    QVERIFY(explorer()->slider(0)->isEnabled());
    const int at = explorer()->slider(0)->value();
    QCOMPARE(at, int(std::lround(std::clamp(outcome.inputs[0], -3.0f, 3.0f) * 100)));
    explorer()->slider(0)->setValue(at > 0 ? at - 250 : at + 250);
    QVERIFY(previewSettles());
    QVERIFY(explorer()->preview() != projected);
  }

  void aProjectionCanBeCancelledAndABadFileIsNamed() {
    fixture_->open(fixture_->path(QStringLiteral("cancel")));
    QVERIFY(fixture_->startAndWaitFor(3));
    QTRY_VERIFY_WITH_TIMEOUT(explorer()->isAvailable(), 20000);
    ui::ProjectionPad* page = explorer()->projectionPad();
    page->pad()->stroke({{8, 8}, {20, 20}});
    QSignalSpy finished(controller()->explorer()->generator(),
                        &app::GeneratorService::projectionFinished);
    // Cancel as soon as the first live image is shown.
    QMetaObject::Connection once =
        connect(controller()->explorer()->generator(), &app::GeneratorService::projectionImage,
                this, [page] {
                  QMetaObject::invokeMethod(page, [page] {
                    for (QPushButton* b : page->findChildren<QPushButton*>())
                      if (b->text() == QStringLiteral("Cancel")) b->click();
                  });
                });
    page->projectTheDrawing();
    QVERIFY(finished.wait(120000));
    disconnect(once);
    const auto outcome = finished.front().front().value<ui::ProjectionOutcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.steps < 300);
    QCOMPARE(explorer()->latent(), outcome.inputs);  // the best so far is kept
    QVERIFY(page->result().startsWith(QStringLiteral("Stopped after")));

    // A file that is not an image: its name in the message, and the explorer as it was.
    const QString bad = fixture_->path(QStringLiteral("not-an-image.png"));
    {
      QFile file(bad);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write("this is not a PNG");
    }
    const QVector<float> kept = explorer()->latent();
    QSignalSpy failed(controller()->explorer()->generator(),
                      &app::GeneratorService::projectionFailed);
    Q_EMIT page->projectFile(bad);
    QVERIFY(failed.wait(20000));
    QVERIFY2(page->result().contains(QStringLiteral("not-an-image.png")),
             qPrintable(page->result()));
    QVERIFY(!explorer()->projecting());
    QCOMPARE(explorer()->latent(), kept);
  }

  void whereDLooksAndGsLayersFollowThePreview() {
    fixture_->open(fixture_->path(QStringLiteral("look")));
    QVERIFY(fixture_->startAndWaitFor(3));
    QTRY_VERIFY_WITH_TIMEOUT(explorer()->isAvailable(), 20000);
    Q_EMIT window()->grid()->cellClicked(3);
    QVERIFY(previewSettles());
    QVERIFY(explorer()->saliency().values.isEmpty());  // off by default
    QCOMPARE(explorer()->shownPreview(), explorer()->preview());

    // On: D's weights come with the run's snapshots, and the preview gets its saliency.
    explorer()->setShowSaliency(true);
    QTRY_VERIFY_WITH_TIMEOUT(!explorer()->saliency().values.isEmpty(), 20000);
    const ui::SaliencyMap& map = explorer()->saliency();
    QCOMPARE(map.side, 28);
    QCOMPARE(map.values.size(), 28 * 28);
    QVERIFY(map.probability && map.score > 0 && map.score < 1);
    float largest = 0;
    for (float v : map.values) largest = std::max(largest, std::abs(v));
    QCOMPARE(largest, 1.0f);
    // Drawn over the preview: colour where the map is strong, the preview's grey where it is 0.
    const QImage shown = explorer()->shownPreview();
    QCOMPARE(shown.size(), QSize(28, 28));
    const int strongest =
        int(std::max_element(map.values.begin(), map.values.end(),
                             [](float a, float b) { return std::abs(a) < std::abs(b); }) -
            map.values.begin());
    const QRgb pixel = shown.pixel(strongest % 28, strongest / 28);
    QVERIFY(map.values[strongest] > 0 ? qGreen(pixel) > qRed(pixel) + 40
                                      : qRed(pixel) > qGreen(pixel) + 40);
    // A slider moved: a new preview, and its own saliency.
    const quint64 stamp = explorer()->shownPreviewStamp();
    explorer()->slider(1)->setValue(explorer()->slider(1)->value() > 0 ? -250 : 250);
    QVERIFY(previewSettles());
    QVERIFY(explorer()->shownPreviewStamp() > stamp);
    QTRY_VERIFY(explorer()->shownPreview() != explorer()->preview());

    // G's layers: shown with their page, for the preview's vector, following the sliders.
    QVERIFY(explorer()->layerMaps()->layers().isEmpty());
    explorer()->showPage(ui::LatentExplorerPanel::Page::Layers);
    QTRY_VERIFY_WITH_TIMEOUT(explorer()->layerMaps()->layers().size() == 3, 20000);
    const QVector<ui::LayerImages> layers = explorer()->layerMaps()->layers();
    // The tiny compact G: 4x4 (16 channels), 7x7 (8), 14x14 (4).
    QCOMPARE(layers[0].channels, 16);
    QCOMPARE(layers[0].maps.size(), 12);
    QCOMPARE(layers[0].maps.front().size(), QSize(4, 4));
    QCOMPARE(layers[2].maps.front().size(), QSize(14, 14));
    explorer()->slider(2)->setValue(explorer()->slider(2)->value() > 0 ? -300 : 300);
    QTRY_VERIFY_WITH_TIMEOUT(explorer()->layerMaps()->layers()[0].maps != layers[0].maps, 20000);
    QCOMPARE(explorer()->layerMaps()->layers()[0].shown, layers[0].shown);
    QCOMPARE(explorer()->layerMaps()->tileAt(
                 QPoint(2, explorer()->layerMaps()->fontMetrics().height() + 6)),
             qMakePair(0, 0));
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

    // The run as a report (the runs panel compares none: this run alone).
    std::tie(ok, message) = exportNow(request(Kind::Report, QStringLiteral("report.html")));
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("report of 1 run")), qPrintable(message));
    const std::string html =
        gs::read_file(fixture_->path(QStringLiteral("report.html")).toStdString());
    QVERIFY(html.find("<h2>exports</h2>") != std::string::npos);
    QVERIFY(html.find("<svg ") != std::string::npos);
    QVERIFY(html.find("data:image/png;base64,") != std::string::npos);
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
