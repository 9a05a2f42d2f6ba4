// The runs panel on its own: what a refresh keeps (ticks, selection, where the list is scrolled,
// a note being typed), the filter and the note pane.
#include "ui/runs/runs_panel.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
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

  void theFilterKeepsRunsHoldingEveryWordAndTheirParents() {
    ui::RunsPanel panel;
    QVector<ui::RunRow> runs = manyRuns(3);
    runs[0].note = QStringLiteral("Baseline; blurry strokes");
    runs[1].preset = QStringLiteral("compact");
    runs[2].parent = runs[0].path;  // a branch of run 0
    runs[2].note = QStringLiteral("Sharper STROKES after the branch");
    panel.setRuns(runs);
    panel.setFilter(QStringLiteral("strokes"));
    QVERIFY(panel.isRunShown(runs[0].path) && panel.isRunShown(runs[2].path));
    QVERIFY(!panel.isRunShown(runs[1].path));
    panel.setFilter(QStringLiteral("sharper strokes"));
    QVERIFY(panel.isRunShown(runs[2].path));
    QVERIFY(panel.isRunShown(runs[0].path));  // shown as the branch's parent
    panel.setFilter(QStringLiteral("compact"));
    QVERIFY(panel.isRunShown(runs[1].path));
    QVERIFY(!panel.isRunShown(runs[0].path));
    panel.setRuns(runs);  // a refresh keeps the filter
    QVERIFY(!panel.isRunShown(runs[0].path));
    panel.setFilter(QString());
    QVERIFY(panel.isRunShown(runs[0].path));
  }

  void aNoteBeingTypedSurvivesARefreshAndIsSentWhenTheRunChanges() {
    ui::RunsPanel panel;
    QVector<ui::RunRow> runs = manyRuns(2);
    runs[0].note = QStringLiteral("first");
    panel.setRuns(runs);
    QVERIFY(!panel.noteEditor()->isEnabled());  // no run chosen
    panel.selectRun(runs[0].path);
    QCOMPARE(panel.noteEditor()->toPlainText(), QStringLiteral("first"));
    QSignalSpy edited(&panel, &ui::RunsPanel::noteEdited);
    panel.noteEditor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(panel.noteEditor(), QStringLiteral(" draft"));
    runs[0].note = QStringLiteral("changed elsewhere");
    panel.setRuns(runs);  // the listing comes round while typing: the draft stays
    QCOMPARE(panel.noteEditor()->toPlainText(), QStringLiteral("first draft"));
    panel.selectRun(runs[1].path);  // moving on saves the draft first
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.first().at(0).toString(), runs[0].path);
    QCOMPARE(edited.first().at(1).toString(), QStringLiteral("first draft"));
    QCOMPARE(panel.noteEditor()->toPlainText(), QString());
    QCOMPARE(panel.noteRun(), runs[1].path);
    // Not edited: the pane follows the folder's note.
    runs[1].note = QStringLiteral("from the CLI");
    panel.setRuns(runs);
    QCOMPARE(panel.noteEditor()->toPlainText(), QStringLiteral("from the CLI"));
    QCOMPARE(edited.size(), 1);
    panel.showNoteSaved(runs[1].path, false, QStringLiteral("notes.md: disk full"));
    QStringList texts;
    for (QLabel* label : panel.findChildren<QLabel*>()) texts << label->text();
    QVERIFY2(texts.contains(QStringLiteral("notes.md: disk full")), qPrintable(texts.join('|')));
  }
};

QTEST_MAIN(RunsPanelTest)
#include "runs_panel_test.moc"
