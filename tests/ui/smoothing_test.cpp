#include "ui/training/smoothing.h"

#include <QtTest>
#include <cmath>

class SmoothingTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchesTheFormulaOnKnownData() {
    // w = 0.5 on 1, 2, 3: last = 0.5, 1.25, 2.125; debias 1 - 0.5^n = 0.5, 0.75, 0.875.
    const QVector<double> smoothed = ui::smoothTensorBoard({1, 2, 3}, 0.5);
    QCOMPARE(smoothed.size(), 3);
    QCOMPARE(smoothed[0], 1.0);
    QCOMPARE(smoothed[1], 1.25 / 0.75);
    QCOMPARE(smoothed[2], 2.125 / 0.875);
  }

  void keepsAConstantSeriesConstant() {
    const QVector<double> smoothed = ui::smoothTensorBoard(QVector<double>(1000, 0.693), 0.999);
    for (double v : smoothed) QVERIFY(std::abs(v - 0.693) < 1e-9);
  }

  void passesNonFiniteValuesThrough() {
    const QVector<double> smoothed = ui::smoothTensorBoard({1, NAN, 3, INFINITY, 5}, 0.5);
    QVERIFY(std::isnan(smoothed[1]));
    QVERIFY(std::isinf(smoothed[3]));
    // The finite points are smoothed as if the others were absent.
    const QVector<double> finite = ui::smoothTensorBoard({1, 3, 5}, 0.5);
    QCOMPARE(smoothed[2], finite[1]);
    QCOMPARE(smoothed[4], finite[2]);
  }

  void zeroWeightIsTheRawSeries() {
    QCOMPARE(ui::smoothTensorBoard({4, 1, 7}, 0.0), (QVector<double>{4, 1, 7}));
  }

  void incrementalEqualsBatchAndReweights() {
    QVector<double> values;
    for (int i = 0; i < 5000; ++i) values.append(std::sin(i * 0.1) + (i % 7) * 0.05);
    ui::SmoothedSeries series(0.95);
    for (int start = 0; start < values.size(); start += 333) series.append(values.mid(start, 333));
    QCOMPARE(series.smoothed().size(), values.size());
    const QVector<double> batch = ui::smoothTensorBoard(values, 0.95);
    for (int i = 0; i < values.size(); ++i)
      QVERIFY(std::abs(series.smoothed()[i] - batch[i]) < 1e-12);
    series.setWeight(0.6);
    const QVector<double> again = ui::smoothTensorBoard(values, 0.6);
    for (int i = 0; i < values.size(); ++i)
      QVERIFY(std::abs(series.smoothed()[i] - again[i]) < 1e-12);
  }
};

QTEST_GUILESS_MAIN(SmoothingTest)
#include "smoothing_test.moc"
