#include "ui/training/plots_panel.h"

#include <qcustomplot.h>

#include <QTabWidget>
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
    QVERIFY(!panel.replotPending());  // and only once for all of them: nothing more is due
    QCOMPARE(panel.replotCount(), before + 1);
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
    panel.addLiveChange({11,
                         {{QStringLiteral("training.learning_rate_d"), QStringLiteral("lr D"),
                           QStringLiteral("0.001")}}});
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

  void changesThatTakeEffectTogetherAreOneMarker() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 20));
    panel.addLiveChange({11,
                         {{QStringLiteral("training.learning_rate_d"), QStringLiteral("lr D"),
                           QStringLiteral("0.001")}}});
    panel.addLiveChange({11,
                         {{QStringLiteral("training.learning_rate_g"), QStringLiteral("lr G"),
                           QStringLiteral("0.001")}}});
    QCOMPARE(panel.markerCount(), 1);
    QCOMPARE(panel.lossPlot()->itemCount(), 2);
    auto* label = qobject_cast<QCPItemText*>(panel.lossPlot()->item(1));
    QCOMPARE(label->text(), QStringLiteral("lr D 0.001, lr G 0.001"));
    panel.addLiveChange(
        {12, {{QStringLiteral("training.beta1"), QStringLiteral("β1"), QStringLiteral("0.3")}}});
    QCOMPARE(panel.markerCount(), 2);
  }

  void markerLabelsNeverOverlapEachOtherOrTheLegend() {
    ui::PlotsPanel panel;
    panel.resize(700, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.appendMetrics(points(1, 2000));
    for (int i = 0; i < 40; ++i) {
      panel.addLiveChange({100 + 40 * i,
                           {{QStringLiteral("training.learning_rate_d"), QStringLiteral("lr D"),
                             QStringLiteral("0.000%1").arg(i + 1)}}});
    }
    ui::HealthNotice notice;
    notice.iteration = 1990;  // under the legend's corner
    notice.title = QStringLiteral("Gradient spike");
    panel.addHealthMarker(notice);
    QTRY_VERIFY(panel.replotCount() > 0);
    for (QCustomPlot* plot : {panel.lossPlot(), panel.accuracyPlot(), panel.qualityPlot()}) {
      plot->replot();  // the queued redraw now: the legend and the labels where they are drawn
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

  void theAugmentationsStrengthIsDrawnOnTheAccuracyChartWhenARunAugments() {
    ui::PlotsPanel panel;
    panel.appendMetrics(points(1, 10));  // off: 0 each iteration, not in the legend
    QCustomPlot* chart = panel.accuracyPlot();
    const auto inLegend = [chart] {
      for (int i = 0; i < chart->legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(chart->legend->item(i));
        if (item && item->plottable()->name() == QStringLiteral("augmentation p")) return true;
      }
      return false;
    };
    QVERIFY(!inLegend());
    QVERIFY(!panel.readoutAt(3).contains(QStringLiteral("augmentation")));
    QVector<ui::MetricPoint> adaptive = points(11, 4);
    for (int i = 0; i < adaptive.size(); ++i) adaptive[i].augment = 0.25f * static_cast<float>(i);
    panel.appendMetrics(adaptive);
    QVERIFY(inLegend());
    QCOMPARE(panel.augmentStrength().size(), 14);
    QCOMPARE(panel.augmentStrength().last(), 0.75);
    QVERIFY2(panel.readoutAt(13).contains(QStringLiteral("augmentation p 0.500")),
             qPrintable(panel.readoutAt(13)));
    panel.clear();
    QVERIFY(!inLegend());
    QVERIFY(panel.augmentStrength().isEmpty());
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

  void comparedRunsAlignByIterationOrByTrainingTime() {
    ui::PlotsPanel panel;
    // The live run: 1 s an iteration. A compared run: twice as fast, with two quality rows.
    QVector<ui::MetricPoint> live = points(1, 10);
    for (ui::MetricPoint& p : live) p.seconds = static_cast<double>(p.iteration);
    panel.appendMetrics(live);
    panel.addLiveChange({4,
                         {{QStringLiteral("training.learning_rate_d"), QStringLiteral("lr D"),
                           QStringLiteral("1")}}});
    panel.setCursorAt(6);
    ui::RunOverlay fast;
    fast.name = QStringLiteral("fast");
    for (int i = 1; i <= 20; ++i) {
      fast.iterations.append(i);
      fast.minutes.append(i * 0.5 / 60.0);
      for (auto& v : fast.values) v.append(0.5);
    }
    fast.qualityIterations = {10, 20};
    fast.qualityFd = {30, 20};
    ui::RunOverlay slow = fast;
    slow.name = QStringLiteral("slow");
    panel.setOverlays({fast, slow});
    QCOMPARE(panel.overlayCount(), 2);
    // One distance graph a compared run on the quality chart, at its iterations.
    QCOMPARE(panel.qualityPlot()->graphCount(), 3 + 2);
    QCPGraph* fastFd = panel.qualityPlot()->graph(3);
    QCOMPARE(fastFd->dataCount(), 2);
    QCOMPARE(fastFd->data()->at(1)->key, 20.0);
    QCOMPARE(fastFd->data()->at(1)->value, 20.0);
    QCPGraph* fastDLoss = panel.lossPlot()->graph(4);  // after the live run's four
    QCOMPARE(fastDLoss->data()->at(19)->key, 20.0);
    QCOMPARE(panel.lossPlot()->graph(1)->data()->at(9)->key, 10.0);

    panel.setAlignByTime(true);
    QVERIFY(panel.alignByTime());
    // Minutes on the axis: the live run's 10 s, the compared run's 20 iterations in 10 s too.
    QCOMPARE(panel.lossPlot()->graph(1)->data()->at(9)->key, 10.0 / 60.0);
    QCOMPARE(fastDLoss->data()->at(19)->key, 10.0 / 60.0);
    QCOMPARE(fastFd->data()->at(0)->key, 5.0 / 60.0);
    QCOMPARE(panel.qualityPlot()->xAxis->label(), QStringLiteral("training time (minutes)"));
    // The change marker and the cursor sit at their iterations' times.
    auto cursorOrMarker = [&](double x) {
      for (int i = 0; i < panel.lossPlot()->itemCount(); ++i) {
        auto* line = qobject_cast<QCPItemStraightLine*>(panel.lossPlot()->item(i));
        if (line && std::abs(line->point1->coords().x() - x) < 1e-9) return true;
      }
      return false;
    };
    QVERIFY(cursorOrMarker(4.0 / 60.0));
    QVERIFY(cursorOrMarker(6.0 / 60.0));
    QVERIFY(panel.readoutAt(9.0 / 60.0).startsWith(QStringLiteral("iteration 9 ")));
    // New live points land at their time, and back to iterations.
    QVector<ui::MetricPoint> more = points(11, 1);
    more[0].seconds = 11;
    panel.appendMetrics(more);
    QCOMPARE(panel.lossPlot()->graph(1)->data()->at(10)->key, 11.0 / 60.0);
    panel.setAlignByTime(false);
    QCOMPARE(panel.lossPlot()->graph(1)->data()->at(10)->key, 11.0);
    QCOMPARE(fastFd->data()->at(0)->key, 10.0);
    QVERIFY(cursorOrMarker(6.0));
    panel.setOverlays({});
    QCOMPARE(panel.qualityPlot()->graphCount(), 3);
  }

  void theLossAxisKeepsComparedRunsInView() {
    ui::PlotsPanel panel;
    panel.show();
    ui::RunOverlay high;
    high.name = QStringLiteral("high");
    for (int i = 1; i <= 20; ++i) {
      high.iterations.append(i);
      for (auto& v : high.values)
        v.append(i == 15 ? 9.0 : 2.0);  // a G loss far above the live run's
    }
    panel.setOverlays({high, high});
    QVERIFY(panel.lossPlot()->yAxis->range().upper >= 9.0);  // no live run yet: fitted to them
    QCOMPARE(panel.lossPlot()->xAxis->range().upper, 21.0);
    const int before = panel.replotCount();
    panel.appendMetrics(points(1, 10));  // the live run's losses stay below 1.2
    QTRY_VERIFY(panel.replotCount() > before);
    QVERIFY2(panel.lossPlot()->yAxis->range().upper >= 9.0,
             qPrintable(QString::number(panel.lossPlot()->yAxis->range().upper)));
  }

  void theReadOutGoesWhenTheMouseLeaves() {
    ui::PlotsPanel panel;
    panel.resize(600, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QString hint = panel.readout();
    panel.appendMetrics(points(1, 50));
    panel.lossPlot()->replot(QCustomPlot::rpImmediateRefresh);
    const QRect axes = panel.lossPlot()->axisRect()->rect();
    QTest::mouseMove(panel.lossPlot(), axes.center());
    QVERIFY2(panel.readout().startsWith(QStringLiteral("iteration")), qPrintable(panel.readout()));
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(panel.lossPlot(), &leave);
    QCOMPARE(panel.readout(), hint);
  }

  // D's outputs on a tab beside the quality chart: per measurement a median and two bands for
  // the real images and for the fakes, on the shared iteration (or time) axis.
  void dsOutputsAreBandsOnTheirOwnTab() {
    ui::PlotsPanel panel;
    panel.show();
    QCOMPARE(panel.lowerTabs()->count(), 2);
    QCOMPARE(panel.lowerTabs()->widget(1), panel.scoresPlot());
    QVector<ui::MetricPoint> metrics = points(1, 20);
    for (int i = 0; i < metrics.size(); ++i) metrics[i].seconds = (i + 1) * 0.5;
    panel.appendMetrics(metrics);
    for (const qint64 iteration : {10, 20}) {
      ui::ScorePoint point;
      point.iteration = iteration;
      const double real[5] = {0.6, 0.7, 0.8, 0.9, 0.95};
      const double fake[5] = {0.05, 0.1, 0.2, 0.3, 0.4};
      std::copy(std::begin(real), std::end(real), std::begin(point.real));
      std::copy(std::begin(fake), std::end(fake), std::begin(point.fake));
      panel.appendScores(point);
    }
    QCOMPARE(panel.scorePointCount(), 2);
    // Five graphs a side; the two medians are in the legend.
    QCustomPlot* plot = panel.scoresPlot();
    QCOMPARE(plot->graphCount(), 10);
    QCPGraph* realMedian = plot->graph(4);
    QCOMPARE(realMedian->data()->at(1)->key, 20.0);
    QCOMPARE(realMedian->data()->at(1)->value, 0.8);
    QCOMPARE(plot->graph(9)->data()->at(0)->value, 0.2);  // the fakes' median
    QVERIFY(plot->legend->hasItemWithPlottable(realMedian));
    QVERIFY(plot->graph(1)->channelFillGraph() == plot->graph(0));  // 5% to 95%, filled
    // Probabilities: the axis shows 0..1.
    QVERIFY(plot->yAxis->range().lower <= 0 && plot->yAxis->range().upper >= 1);
    // The charts share the horizontal axis: by time, the points move to their minutes.
    panel.setAlignByTime(true);
    QCOMPARE(panel.scorePointCount(), 2);
    QCOMPARE(plot->graph(4)->data()->at(0)->key, 5.0 / 60.0);
    QCOMPARE(plot->xAxis->label(), QStringLiteral("training time (minutes)"));
    panel.clear();
    QCOMPARE(panel.scorePointCount(), 0);
  }

  void aNewRunStartsWithNothingOfTheOneBefore() {
    ui::PlotsPanel panel;
    panel.show();
    const int before = panel.replotCount();
    panel.appendMetrics(points(1, 5000));
    QTRY_VERIFY(panel.replotCount() > before);
    QVERIFY(panel.lossPlot()->xAxis->range().upper >= 5000);
    panel.clear();
    // The next run's first points are not drawn on the last run's 5,000 iterations.
    QVERIFY2(panel.lossPlot()->xAxis->range().upper <= 20,
             qPrintable(QString::number(panel.lossPlot()->xAxis->range().upper)));
  }
};

QTEST_MAIN(PlotsPanelTest)
#include "plots_panel_test.moc"
