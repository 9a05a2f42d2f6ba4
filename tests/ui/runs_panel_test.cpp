// The runs panel on its own: what a refresh keeps (ticks, selection, where the list is scrolled).
#include "ui/runs/runs_panel.h"

#include <QScrollBar>
#include <QTreeWidget>
#include <QtTest>

class RunsPanelTest : public QObject {
  Q_OBJECT

 private:
  static QVector<ui::RunRow> manyRuns(int count) {
    QVector<ui::RunRow> runs;
    for (int i = 0; i < count; ++i) {
      ui::RunRow run;
      run.path = QStringLiteral("/runs/run-%1").arg(i, 3, 10, QLatin1Char('0'));
      run.name = QStringLiteral("run %1").arg(i);
      run.started = QStringLiteral("2026-12-05 01:%1").arg(i % 60, 2, 10, QLatin1Char('0'));
      run.state = QStringLiteral("finished");
      run.done = run.planned = 100;
      runs.append(run);
    }
    return runs;
  }

 private Q_SLOTS:
  void aRefreshKeepsTheListWhereItWasScrolledAndWhatWasTicked() {
    ui::RunsPanel panel;
    panel.resize(500, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRuns(manyRuns(80));
    QCOMPARE(panel.runCount(), 80);
    QScrollBar* bar = panel.tree()->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum() / 2);
    const int scrolled = bar->value();
    panel.setCompared({QStringLiteral("/runs/run-003"), QStringLiteral("/runs/run-070")});
    panel.selectRun(QStringLiteral("/runs/run-010"));
    bar->setValue(scrolled);      // the person scrolls away from the selected run
    panel.setRuns(manyRuns(81));  // the periodic refresh, with a new run
    QCOMPARE(panel.runCount(), 81);
    QCOMPARE(bar->value(), scrolled);
    QCOMPARE(panel.selectedRun(), QStringLiteral("/runs/run-010"));
    QCOMPARE(panel.comparedRuns().size(), 2);
  }

  void anOpenEndedTrialShowsItsIterationsWithoutATotal() {
    ui::RunsPanel panel;
    QVector<ui::RunRow> runs = manyRuns(2);
    runs[1].done = 1234;
    runs[1].planned = 1000000000;  // a sweep's time-limited trial
    panel.setRuns(runs);
    QStringList cells;
    for (int i = 0; i < panel.tree()->topLevelItemCount(); ++i) {
      QTreeWidgetItem* item = panel.tree()->topLevelItem(i);
      for (int c = 0; c < item->columnCount(); ++c) cells << item->text(c);
    }
    QVERIFY2(cells.contains(QStringLiteral("1,234")), qPrintable(cells.join('|')));
    QVERIFY2(cells.contains(QStringLiteral("100 / 100")), qPrintable(cells.join('|')));
    QVERIFY(cells.filter(QStringLiteral("1,000,000,000")).isEmpty());
  }
};

QTEST_MAIN(RunsPanelTest)
#include "runs_panel_test.moc"
