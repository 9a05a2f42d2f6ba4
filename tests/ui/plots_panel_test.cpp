#include "ui/training/plots_panel.h"

#include <qcustomplot.h>

#include <QtTest>

namespace {

QVector<ui::MetricPoint> points(qint64 first, int count) {
  QVector<ui::MetricPoint> out;
  for (int i = 0; i < count; ++i) {
    ui::MetricPoint p;
    p.iteration = first + i;
    p.d_loss = 0.7f + 0.1f * static_cast<float>(i % 5);
    p.g_loss = 1.0f;
    p.d_acc = 0.5f;
    p.g_acc = (i % 2) ? 1.0f : 0.0f;
    out.append(p);
  }
  return out;
}

bool near(const QVector<double>& a, const QVector<double>& b) {
  if (a.size() != b.size()) return false;
  for (int i = 0; i < a.size(); ++i) {
    if (std::abs(a[i] - b[i]) > 1e-12) return false;
  }
  return true;
}

}  // namespace

class PlotsPanelTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void holdsOnePointPerIteration() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 250));
    panel.appendMetrics(points(251, 50));
    QCOMPARE(panel.pointCount(), 300);
    for (QCustomPlot* plot : {panel.lossPlot(), panel.accuracyPlot()}) {
      for (int g = 0; g < plot->graphCount(); ++g) QCOMPARE(plot->graph(g)->dataCount(), 300);
    }
    QCOMPARE(panel.lossPlot()->graph(0)->data()->at(299)->key, 300.0);
  }

  void smoothedSeriesFollowTheSlider() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 100));
    QCOMPARE(panel.smoothing(), 0.95);
    const QVector<double> raw = panel.series(ui::PlotsPanel::kGAcc).raw();
    QVERIFY(near(panel.series(ui::PlotsPanel::kGAcc).smoothed(), ui::smoothTensorBoard(raw, 0.95)));
    panel.setSmoothing(0.5);
    QVERIFY(near(panel.series(ui::PlotsPanel::kGAcc).smoothed(), ui::smoothTensorBoard(raw, 0.5)));
    // The bold graph shows the smoothed values.
    QVERIFY(std::abs(panel.accuracyPlot()->graph(3)->data()->at(10)->value -
                     ui::smoothTensorBoard(raw, 0.5)[10]) < 1e-12);
  }

  void replotsAreCoalescedToAtMostThirtyASecond() {
    ui::PlotsPanel panel;
    panel.show();
    QCoreApplication::processEvents();
    const int before = panel.replotCount();
    for (int batch = 0; batch < 100; ++batch) panel.appendMetrics(points(1 + batch * 10, 10));
    QCOMPARE(panel.replotCount(), before);  // nothing drawn while the batches arrive
    QTRY_COMPARE(panel.replotCount(), before + 1);
    QTest::qWait(100);
    QCOMPARE(panel.replotCount(), before + 1);  // and only once for all of them
  }

  void takesAHundredThousandPointsInBatches() {
    ui::PlotsPanel panel;
    panel.show();
    for (int batch = 0; batch < 100; ++batch) panel.appendMetrics(points(1 + batch * 1000, 1000));
    QCOMPARE(panel.pointCount(), 100000);
    panel.setSmoothing(0.99);
    QTRY_VERIFY(panel.replotCount() > 0);
    QVERIFY(panel.lossPlot()->xAxis->range().upper >= 100000);  // following the latest point
  }

  void marksLiveChangesOnBothCharts() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 20));
    panel.addLiveChange(
        {11, {{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.001")}}});
    QCOMPARE(panel.markerCount(), 1);
    QCOMPARE(panel.lossPlot()->itemCount(), 2);  // a line and its label
    QCOMPARE(panel.accuracyPlot()->itemCount(), 2);
    auto* label = qobject_cast<QCPItemText*>(panel.lossPlot()->item(1));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("lr D 0.001"));
    panel.clear();
    QCOMPARE(panel.lossPlot()->itemCount(), 0);
    QCOMPARE(panel.pointCount(), 0);
  }

  void markerLabelsNeverOverlapEachOtherOrTheLegend() {
    ui::PlotsPanel panel;
    panel.resize(700, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.appendMetrics(points(1, 2000));
    for (int i = 0; i < 40; ++i) {
      panel.addLiveChange(
          {100 + 40 * i,
           {{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.000%1").arg(i + 1)}}});
    }
    ui::HealthNotice notice;
    notice.iteration = 1990;  // under the legend's corner
    notice.title = QStringLiteral("Gradient spike");
    panel.addHealthMarker(notice);
    QTRY_VERIFY(panel.replotCount() > 0);
    QTest::qWait(50);
    for (QCustomPlot* plot : {panel.lossPlot(), panel.accuracyPlot(), panel.qualityPlot()}) {
      QList<QRect> boxes;
      const QRect legend = plot->legend->outerRect();
      for (int i = 0; i < plot->itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(plot->item(i));
        if (!text || !text->visible()) continue;
        const QPointF at = text->position->pixelPosition();
        const QRect box(at.toPoint() - QPoint(0, QFontMetrics(plot->font()).height()),
                        QSize(QFontMetrics(plot->font()).horizontalAdvance(text->text()), 10));
        for (const QRect& other : boxes) QVERIFY2(!box.intersects(other), qPrintable(text->text()));
        QVERIFY2(!box.intersects(legend), qPrintable(text->text()));
        boxes.append(box);
      }
      QVERIFY(!boxes.isEmpty());
      QVERIFY(panel.visibleMarkerLabels(plot) < 41);  // the crowded ones wait for a zoom
    }
    QCOMPARE(panel.markerCount(), 40);
    QCOMPARE(panel.healthMarkerCount(), 1);
  }

  void readsOutTheNearestPoint() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 10));
    const QString text = panel.readoutAt(4.4);
    QVERIFY2(text.startsWith(QStringLiteral("iteration 4 ")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("G accuracy 1.000")));
  }

  void zoomingStopsFollowing() {
    ui::PlotsPanel panel;
    panel.resize(600, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.followLatest());
    QTest::mousePress(panel.lossPlot(), Qt::LeftButton, {}, QPoint(100, 60));
    QTest::mouseRelease(panel.lossPlot(), Qt::LeftButton, {}, QPoint(120, 60));
    QVERIFY(!panel.followLatest());
  }

  void panningStopsBeforeIterationZero() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 100));
    panel.lossPlot()->xAxis->setRange(-500, -400);
    QVERIFY(panel.lossPlot()->xAxis->range().lower >= -1);
    QCOMPARE(panel.lossPlot()->xAxis->range().size(), 100.0);   // the zoom is kept
    QVERIFY(panel.accuracyPlot()->xAxis->range().lower >= -1);  // the charts move together
  }

  void theChartsFollowADarkPalette() {
    ui::PlotsPanel panel;
    QPalette dark = panel.palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::Text, QColor(225, 225, 225));
    panel.setPalette(dark);
    const QImage drawn = panel.lossPlot()->toPixmap(200, 150).toImage();
    QCOMPARE(drawn.pixelColor(1, 1), QColor(30, 30, 32));
    QCOMPARE(panel.lossPlot()->xAxis->tickLabelColor(), QColor(225, 225, 225));
  }

  void theReadOutNeverWraps() {
    ui::PlotsPanel panel;
    panel.resize(300, 600);
    panel.appendMetrics(points(1, 10));
    auto* readout = panel.findChild<QLabel*>(QStringLiteral("readout"));
    QVERIFY(readout);
    QVERIFY(!readout->wordWrap());
  }
};

QTEST_MAIN(PlotsPanelTest)
#include "plots_panel_test.moc"
