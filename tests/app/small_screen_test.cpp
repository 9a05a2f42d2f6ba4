// The window on a laptop (issue 24): the default layout for 1024 x 600 and 1366 x 768 keeps the
// charts readable, their legends clear of the data, and every dock reachable.

#include <QDockWidget>
#include <QtTest>
#include <memory>

#include "tests/app/window_fixture.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"

class SmallScreenTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;
  ui::MainWindow* window() const { return fixture_->window(); }

  // Lays the window out for `size` and lets the docks and charts settle.
  void layOut(const QSize& size) {
    window()->layoutFor(size);
    window()->show();
    QVERIFY(QTest::qWaitForWindowExposed(window()));
    QTRY_COMPARE(window()->size(), size);
  }

  void checkCharts(int leastWidth) {
    // The docks take their sizes through the event loop: wait for the narrowest chart.
    auto narrowest = [this] {
      int least = 1 << 20;
      for (const auto& chart : window()->plots()->chartGeometry())
        least = std::min(least, chart.axes.width());
      return least;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(narrowest() >= leastWidth,
                              qPrintable(QStringLiteral("%1 px").arg(narrowest())), 5000);
    for (const ui::PlotsPanel::ChartGeometry& chart : window()->plots()->chartGeometry()) {
      const QRect axes = chart.axes;
      QVERIFY2(axes.width() >= leastWidth,
               qPrintable(QStringLiteral("axes %1 px wide").arg(axes.width())));
      QVERIFY2(axes.height() >= 60,
               qPrintable(QStringLiteral("axes %1 px high").arg(axes.height())));
      // The legend sits above the axes, whole: never over the data.
      QVERIFY(!chart.legend.isEmpty());
      QVERIFY(!chart.legend.intersects(axes));
      QVERIFY(chart.chart.contains(chart.legend));
    }
  }

 private Q_SLOTS:
  void init() {
    fixture_ = std::make_unique<testing_gui::WindowFixture>();
    fixture_->open(fixture_->path(QStringLiteral("run")));
  }
  void cleanup() { fixture_.reset(); }

  void aLaptopGetsOneColumnOfTabsAndWideCharts() {
    layOut(QSize(1024, 600));
    QVERIFY(window()->narrowLayout());
    checkCharts(450);
    // Settings, Runs, Samples and Explorer are tabs of one column, each a click away.
    const auto docks = window()->findChildren<QDockWidget*>();
    QCOMPARE(docks.size(), 4);
    for (QDockWidget* dock : docks) {
      QVERIFY(!dock->isFloating());
      QCOMPARE(window()->dockWidgetArea(dock), Qt::LeftDockWidgetArea);
    }
    QCOMPARE(window()->tabifiedDockWidgets(docks.front()).size(), 3);
  }

  void aLargerLaptopKeepsTheGridBesideTheCharts() {
    layOut(QSize(1366, 768));
    QVERIFY(!window()->narrowLayout());
    checkCharts(400);  // the quality chart keeps a second axis on its right
  }

  void resetLayoutFollowsTheWindowsSizeBackAndForth() {
    layOut(QSize(1024, 600));
    layOut(QSize(1560, 960));
    QVERIFY(!window()->narrowLayout());
    checkCharts(500);
    layOut(QSize(1024, 600));
    QVERIFY(window()->narrowLayout());
    checkCharts(450);
  }
};

QTEST_MAIN(SmallScreenTest)
#include "small_screen_test.moc"
