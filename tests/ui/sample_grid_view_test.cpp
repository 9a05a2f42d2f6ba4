#include "ui/samples/sample_grid_view.h"

#include <QtTest>

class SampleGridViewTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aConditionalGridKeepsItsCaptionInView() {
    ui::SampleGridView view;
    // A conditional run's grid: a row per class (ten), eight cells a row, 28 pixels a cell.
    QImage grid(8 * 28, 10 * 28, QImage::Format_Grayscale8);
    grid.fill(200);
    const QSize square = view.minimumSizeHint();
    view.setGrid(grid, 8, 500);
    QCOMPARE(view.rows(), 10);
    QVERIFY(view.minimumSizeHint().height() > square.height());  // room asked for every row
    for (const QSize& size : {view.minimumSizeHint(), QSize(300, 200), QSize(120, 90)}) {
      view.resize(size);
      const QRect caption = view.captionRect();
      QVERIFY2(caption.top() >= 0 && caption.bottom() < view.height(),
               qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
    }
    QCOMPARE(view.captionText(), QStringLiteral("Generated at iteration 500"));
  }

  // D's verdict: off until asked for, red for "fake" to green for "real" (a critic's scores from
  // the grid's lowest to its highest), drawn on the cells, and gone with the grid it was of.
  void dsVerdictFramesEachCellAndGoesWithItsGrid() {
    ui::SampleGridView view;
    view.resize(600, 600);
    QImage grid(8 * 28, 8 * 28, QImage::Format_Grayscale8);
    grid.fill(0);
    view.setGrid(grid, 8, 100);
    QVector<float> verdicts(64, 0.5f);
    verdicts[0] = 0.0f;
    verdicts[1] = 1.0f;
    view.setVerdicts(verdicts);
    QVERIFY(!view.showsVerdicts());  // off by default
    QVERIFY(!view.verdictColor(0).isValid());
    view.setShowVerdicts(true);
    QVERIFY(view.showsVerdicts());
    QCOMPARE(view.verdictColor(0).hue(), 0);                  // red
    QCOMPARE(view.verdictColor(1).hue(), 120);                // green
    QVERIFY(std::abs(view.verdictColor(2).hue() - 60) <= 1);  // undecided: amber
    QVERIFY(view.captionText().contains(QStringLiteral("red fake")));
    // The frame is drawn: the pixel at a cell's edge is the verdict's colour.
    const QImage shot = view.grab().toImage();
    bool red = false;
    for (int x = 0; x < shot.width() && !red; ++x) {
      for (int y = 0; y < shot.height() / 2 && !red; ++y) {
        const QColor c = shot.pixelColor(x, y);
        red = c.red() > 200 && c.green() < 80 && c.blue() < 80;
      }
    }
    QVERIFY(red);
    // A critic's scores: coloured by rank within the grid.
    QVector<float> critic(64, 3.0f);
    critic[5] = -7.0f;
    critic[6] = 13.0f;
    view.setVerdicts(critic);
    QCOMPARE(view.verdictColor(5).hue(), 0);
    QCOMPARE(view.verdictColor(6).hue(), 120);
    // A new grid: the verdicts were of the one before.
    view.setGrid(grid, 8, 105);
    QVERIFY(view.verdicts().isEmpty());
    QVERIFY(!view.showsVerdicts());
    QCOMPARE(view.captionText(), QStringLiteral("Generated at iteration 105"));
  }

  void theEmptyGridSaysWhatItWaitsFor() {
    ui::SampleGridView view;
    QCOMPARE(view.captionText(), QStringLiteral("No samples yet: start training"));
    view.setPlaceholder(QStringLiteral("Waiting for the trainer's first grid"));
    QCOMPARE(view.captionText(), QStringLiteral("Waiting for the trainer's first grid"));
  }
};

QTEST_MAIN(SampleGridViewTest)
#include "sample_grid_view_test.moc"
