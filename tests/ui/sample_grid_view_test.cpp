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

  void theEmptyGridSaysWhatItWaitsFor() {
    ui::SampleGridView view;
    QCOMPARE(view.captionText(), QStringLiteral("No samples yet: start training"));
    view.setPlaceholder(QStringLiteral("Waiting for the trainer's first grid"));
    QCOMPARE(view.captionText(), QStringLiteral("Waiting for the trainer's first grid"));
  }
};

QTEST_MAIN(SampleGridViewTest)
#include "sample_grid_view_test.moc"
