#include "ui/explorer/latent_explorer.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <cmath>

#include "ui/explorer/drawing_pad.h"
#include "ui/explorer/latent_math.h"
#include "ui/explorer/layer_maps_view.h"
#include "ui/explorer/look_inside.h"
#include "ui/explorer/projection_pad.h"

namespace {

double norm(const QVector<float>& v) {
  double s = 0;
  for (float x : v) s += double(x) * x;
  return std::sqrt(s);
}

}  // namespace

class LatentExplorerTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void interpolationHitsItsEnds() {
    const QVector<float> a = ui::randomLatent(100, 1);
    const QVector<float> b = ui::randomLatent(100, 2);
    for (auto f : {&ui::lerp, &ui::slerp}) {
      const QVector<float> start = f(a, b, 0.0);
      const QVector<float> end = f(a, b, 1.0);
      for (int i = 0; i < 100; ++i) {
        QVERIFY(std::abs(start[i] - a[i]) < 1e-4);
        QVERIFY(std::abs(end[i] - b[i]) < 1e-4);
      }
    }
    // Halfway, the straight line shrinks the norm; the spherical path keeps it typical.
    const double typical = (norm(a) + norm(b)) / 2;
    QVERIFY(norm(ui::lerp(a, b, 0.5)) < 0.85 * typical);
    QVERIFY(std::abs(norm(ui::slerp(a, b, 0.5)) - typical) < 1e-3 * typical);
  }

  void latentTextRoundTripsAndExplainsMistakes() {
    const QVector<float> z = {0.5f, -1.25f, 3.0f};
    QVector<float> back;
    QString error;
    QVERIFY(ui::latentFromText(ui::latentToText(z), 3, &back, &error));
    QCOMPARE(back, z);
    QVERIFY(ui::latentFromText(QStringLiteral("0.1 0.2\n0.3"), 3, &back, &error));
    QVERIFY(!ui::latentFromText(QStringLiteral("[1, 2]"), 3, &back, &error));
    QCOMPARE(error, QStringLiteral("expected 3 numbers (the noise dimension), got 2"));
    QVERIFY(!ui::latentFromText(QStringLiteral("[1, x, 3]"), 3, &back, &error));
    QCOMPARE(error, QStringLiteral("'x' is not a number"));
  }

  void randomLatentFollowsItsSeed() {
    QCOMPARE(ui::randomLatent(50, 7), ui::randomLatent(50, 7));
    QVERIFY(ui::randomLatent(50, 7) != ui::randomLatent(50, 8));
  }

  void movingASliderRequestsTheNewVector() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(10);
    panel.setAvailable(true);
    QSignalSpy requests(&panel, &ui::LatentExplorerPanel::renderRequested);
    panel.slider(3)->setValue(150);
    QCOMPARE(requests.count(), 1);
    const auto z = requests.at(0).at(0).value<QVector<float>>();
    QCOMPARE(z.size(), 10);
    QCOMPARE(z[3], 1.5f);
    QCOMPARE(z[0], 0.0f);
    panel.slider(3)->setValue(-300);
    QCOMPARE(requests.count(), 2);
    QVERIFY(requests.at(1).at(1).toULongLong() > requests.at(0).at(1).toULongLong());
    QVERIFY(panel.engaged());
  }

  void staleResultsAreDropped() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(4);
    panel.setAvailable(true);
    QImage newer(28, 28, QImage::Format_Grayscale8);
    newer.fill(200);
    QImage older(28, 28, QImage::Format_Grayscale8);
    older.fill(10);
    QVERIFY(panel.setPreview(newer, 5));
    QVERIFY(!panel.setPreview(older, 3));
    QCOMPARE(panel.preview().pixelColor(0, 0).red(), 200);
  }

  void unavailableUntilThereIsAGenerator() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(4);
    QSignalSpy requests(&panel, &ui::LatentExplorerPanel::renderRequested);
    panel.setLatent({1, 2, 3, 4});
    QCOMPARE(requests.count(), 0);
    QVERIFY(!panel.slider(0)->isEnabled());
  }

  void interpolationMovesThePreviewAndAsksForAStrip() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(3);
    panel.setAvailable(true);
    QSignalSpy strips(&panel, &ui::LatentExplorerPanel::stripRequested);
    QSignalSpy previews(&panel, &ui::LatentExplorerPanel::renderRequested);
    panel.setEndpoint(0, {0, 0, 0});
    panel.setEndpoint(1, {2, 2, 2});
    QCOMPARE(strips.count(), 1);
    QCOMPARE(strips.at(0).at(1).toInt(), 9);
    QCOMPARE(strips.at(0).at(0).value<QVector<float>>().size(), 27);
    panel.setT(0.5);
    QCOMPARE(previews.last().at(0).value<QVector<float>>(), (QVector<float>{1, 1, 1}));
  }

  void eachRandomizeGivesANewVectorAndShowsItsSeed() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(6);
    panel.setAvailable(true);
    QPushButton* randomize = nullptr;
    for (QPushButton* b : panel.findChildren<QPushButton*>())
      if (b->text() == QStringLiteral("&Randomize")) randomize = b;
    QVERIFY(randomize);
    randomize->click();
    const QVector<float> first = panel.latent();
    const int firstSeed = panel.seed();
    randomize->click();
    QVERIFY(panel.latent() != first);
    QVERIFY(panel.seed() != firstSeed);
    // The seed shown gives the vector back.
    QCOMPARE(panel.latent(), ui::randomLatent(6, static_cast<quint64>(panel.seed())));
    QCOMPARE(first, ui::randomLatent(6, static_cast<quint64>(firstSeed)));
  }

  void everyDimensionHasAVisibleSlider() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(100);
    panel.setAvailable(true);
    panel.resize(600, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QRect inside = panel.rect();
    for (int i = 0; i < 100; ++i) {
      QSlider* s = panel.slider(i);
      QVERIFY(s->isVisible());
      const QRect where(s->mapTo(&panel, QPoint(0, 0)), s->size());
      QVERIFY2(inside.contains(where), qPrintable(QStringLiteral("z%1 outside").arg(i)));
    }
  }

  void theStripMarksT() {
    ui::LatentExplorerPanel panel;
    panel.setNoiseDim(2);
    panel.setAvailable(true);
    panel.setEndpoint(0, {0, 0});
    panel.setEndpoint(1, {1, 1});
    QVector<QImage> frames;
    for (int i = 0; i < 9; ++i) {
      QImage frame(28, 28, QImage::Format_Grayscale8);
      frame.fill(i * 20);
      frames.append(frame);
    }
    QVERIFY(panel.setStrip(frames, 1000));
    panel.setT(0.0);
    const double start = panel.stripMarker();
    panel.setT(1.0);
    const double end = panel.stripMarker();
    QVERIFY(start > 0 && start < 0.1);  // the middle of the first frame
    QVERIFY(end > 0.9 && end < 1.0);    // of the last
  }

  void thePadDrawsStrokesAtTheBrushesWidth() {
    ui::DrawingPad pad;
    pad.setSide(28);
    QVERIFY(pad.isBlank());
    QCOMPARE(pad.picture().size(), QSize(28 * 4, 28 * 4));
    QSignalSpy changed(&pad, &ui::DrawingPad::changed);
    pad.setBrush(2.0);
    pad.stroke({{14, 4}, {14, 24}});
    QVERIFY(!pad.isBlank());
    QCOMPARE(changed.count(), 1);
    // A vertical bar 2 generator pixels (8 canvas pixels) wide down the middle, nothing beside it.
    const QImage canvas = pad.picture();
    QCOMPARE(qGray(canvas.pixel(56, 56)), 255);
    QCOMPARE(qGray(canvas.pixel(56 + 6, 56)), 0);
    QCOMPARE(qGray(canvas.pixel(20, 56)), 0);
    int inked = 0;
    for (int x = 0; x < canvas.width(); ++x) inked += qGray(canvas.pixel(x, 56)) > 127;
    QVERIFY2(inked >= 7 && inked <= 9, qPrintable(QString::number(inked)));
    // A mouse drag draws as well; Clear empties it; the brush stays in its range.
    pad.clear();
    QVERIFY(pad.isBlank());
    pad.resize(pad.sizeHint());
    QTest::mousePress(&pad, Qt::LeftButton, {}, QPoint(20, 20));
    QTest::mouseRelease(&pad, Qt::LeftButton, {}, QPoint(20, 20));
    QVERIFY(!pad.isBlank());
    pad.setBrush(100);
    QCOMPARE(pad.brush(), 12.0);
  }

  void theProjectionPageAsksAndSaysWhatItFound() {
    ui::ProjectionPad page;
    QSignalSpy asked(&page, &ui::ProjectionPad::projectDrawing);
    page.projectTheDrawing();  // nothing to project: no generator, no drawing
    QCOMPARE(asked.count(), 0);
    page.setAvailable(true);
    page.projectTheDrawing();
    QCOMPARE(asked.count(), 0);  // a blank pad is not projected
    page.pad()->stroke({{5, 5}, {20, 20}});
    page.projectTheDrawing();
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.front().front().value<QImage>(), page.pad()->picture());
    page.setBusy(true);
    page.projectTheDrawing();  // one at a time
    QCOMPARE(asked.count(), 1);
    page.showProgress(40, 300, 0.25);
    QVERIFY(page.result().contains(QStringLiteral("0.250")));
    ui::ProjectionOutcome outcome;
    outcome.source = QStringLiteral("the drawing");
    outcome.steps = 300;
    outcome.stepsAsked = 300;
    outcome.startError = 0.2;
    outcome.error = 0.05;
    outcome.pictureClass = QStringLiteral("7");
    outcome.projectionClass = QStringLiteral("7");
    page.showOutcome(outcome);
    QVERIFY(!page.busy());
    QVERIFY(page.result().contains(QStringLiteral("Pixel error 0.050")));
    QVERIFY(page.result().contains(QStringLiteral("as 7 and the projection as 7")));
    page.showFailure(QStringLiteral("/tmp/x.png: not an image"));
    QVERIFY(page.result().contains(QStringLiteral("/tmp/x.png")));
  }

  void theSaliencyIsDrawnOverThePreviewInTheVerdictsColours() {
    QImage image(4, 1, QImage::Format_Grayscale8);
    image.fill(200);
    ui::SaliencyMap map;
    map.side = 4;  // a wrong size: the image as it was
    map.values = {1.0f, -1.0f, 0.0f, 0.5f};
    QCOMPARE(ui::overlaySaliency(image, map), image);
    QImage square(2, 2, QImage::Format_Grayscale8);
    square.fill(200);
    map.side = 2;
    const QImage shown = ui::overlaySaliency(square, map);
    QCOMPARE(shown.size(), QSize(2, 2));
    const QRgb real = shown.pixel(0, 0), fake = shown.pixel(1, 0), none = shown.pixel(0, 1),
               half = shown.pixel(1, 1);
    QVERIFY(qGreen(real) > qRed(real) + 60);  // green: brighter looks real
    QVERIFY(qRed(fake) > qGreen(fake) + 60);  // red: brighter looks fake
    QCOMPARE(qRed(none), qGreen(none));       // 0: the preview's grey
    QCOMPARE(qGreen(none), qBlue(none));
    QVERIFY(qGreen(half) - qRed(half) < qGreen(real) - qRed(real));  // weaker, fainter
  }

  void gsLayersAreRowsOfTilesWithTheirCaptions() {
    ui::LayerMapsView view;
    view.resize(200, 100);
    QVector<ui::LayerImages> layers(2);
    for (int b = 0; b < 2; ++b) {
      layers[b].name = QStringLiteral("Block %1").arg(b + 1);
      layers[b].channels = 16;
      for (int i = 0; i < 7; ++i) {
        QImage map(4, 4, QImage::Format_Grayscale8);
        map.fill(i * 30);
        layers[b].maps.append(map);
        layers[b].shown.append(i * 2);
      }
    }
    view.setLayers(layers);
    // Five tiles a line at 200 pixels: two lines a block, and the widget as tall as that.
    const int caption = view.fontMetrics().height() + 2;
    const int tile = view.tileSide();
    QCOMPARE(view.tileAt(QPoint(1, caption + 1)), qMakePair(0, 0));
    QCOMPARE(view.tileAt(QPoint(1, caption + tile + 3 + 1)), qMakePair(0, 5));
    QCOMPARE(view.tileAt(QPoint(1, 1)), qMakePair(-1, -1));  // the caption
    QVERIFY(view.minimumHeight() >= 2 * caption + 4 * tile);
    const QImage drawn = view.grab().toImage();
    QCOMPARE(qGray(drawn.pixel(tile + 3 + tile / 2, caption + tile / 2)), 30);  // channel 1's map
  }
};

QTEST_MAIN(LatentExplorerTest)
#include "latent_explorer_test.moc"
