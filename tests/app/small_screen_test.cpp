// The window on a laptop (issue 24): the default layout for 1024 x 600 and 1366 x 768 keeps the
// charts readable, their legends clear of the data, and every dock reachable.

#include <QDockWidget>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QtTest>
#include <memory>

#include "tests/app/window_fixture.h"
#include "ui/samples/history_scrubber.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/status_line.h"

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
    // D's outputs share the quality chart's row as a tab: as wide and as tall when shown.
    QCOMPARE(window()->plots()->chartGeometry().size(), 3);
    window()->plots()->lowerTabs()->setCurrentIndex(1);
    QVERIFY(window()->plots()->lowerTabs()->currentWidget()->isVisible());
    checkCharts(450);
    QCOMPARE(window()->plots()->chartGeometry().size(), 3);
  }

  void aLargerLaptopKeepsTheGridBesideTheCharts() {
    layOut(QSize(1366, 768));
    QVERIFY(!window()->narrowLayout());
    checkCharts(400);  // the quality chart keeps a second axis on its right
    // The samples dock holds the whole grid and the history under it, without scrolling.
    auto* scroll = qobject_cast<QScrollArea*>(
        window()->findChild<QDockWidget*>(QStringLiteral("samplesDock"))->widget());
    QVERIFY(scroll);
    QTRY_VERIFY2(scroll->viewport()->height() >= scroll->widget()->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1 < %2")
                                .arg(scroll->viewport()->height())
                                .arg(scroll->widget()->minimumSizeHint().height())));
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

  void resizingAcrossALaptopsWidthArrangesTheDocksAgain() {
    layOut(QSize(1024, 600));
    QVERIFY(window()->narrowLayout());
    // Dragged (or maximized) wider, no Reset Layout: the grid and explorer get their column back.
    window()->resize(1560, 960);
    QTRY_VERIFY(!window()->narrowLayout());
    QTRY_VERIFY2_WITH_TIMEOUT(window()->history()->width() >= 400,
                              qPrintable(QString::number(window()->history()->width())), 5000);
    QVERIFY(window()->history()->isVisible());
    QVERIFY(window()->explorerDock()->isVisible());
    QVERIFY(window()->tabifiedDockWidgets(window()->explorerDock()).isEmpty());
    checkCharts(500);
    QCOMPARE(window()->size(), QSize(1560, 960));  // the window keeps the size it was given
    window()->resize(1024, 600);
    QTRY_VERIFY(window()->narrowLayout());
    checkCharts(450);
  }

  void aLongStatusMessageNeverRunsUnderTheStatusFields() {
    layOut(QSize(1024, 600));
    ui::Progress progress;
    progress.iteration = 12345;
    progress.total = 50000;
    progress.epoch = 12.5;
    window()->setProgress(progress);
    window()->showTrainer(QStringLiteral("CPU (2 threads)"),
                          QStringLiteral("compact · hinge loss · conditional (10 classes) · "
                                         "spectral norm · RGB 64 × 64"));
    const QString message = QStringLiteral(
        "Finished 50,000 iterations; checkpoint /home/someone/.local/share/"
        "GanStudio/runs/2026-12-03-201500/checkpoints/iter_0050000.pt");
    window()->showMessage(message);
    QStatusBar* bar = window()->statusBar();
    const int shown = bar->fontMetrics().horizontalAdvance(bar->currentMessage());
    QVERIFY2(shown < window()->statusLine()->geometry().left(),
             qPrintable(QStringLiteral("%1 px of message, fields from %2: %3")
                            .arg(shown)
                            .arg(window()->statusLine()->geometry().left())
                            .arg(bar->currentMessage())));
    QVERIFY(bar->currentMessage().endsWith(QStringLiteral("iter_0050000.pt")));
    QCOMPARE(bar->toolTip(), message);
    // The long model is cut with its whole text in the tooltip.
    QVERIFY(window()->statusLine()->model().endsWith(QStringLiteral("RGB 64 × 64")));
  }
};

QTEST_MAIN(SmallScreenTest)
#include "small_screen_test.moc"
