#include "ui/window/status_line.h"

#include <QPushButton>
#include <QtTest>

#include "ui/theme/theme.h"
#include "ui/window/notice_bar.h"

class StatusLineTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void timeLeftReadsAsADurationNotAClock() {
    using ui::StatusLine;
    QCOMPARE(StatusLine::formatDuration(4 * 3600 + 8 * 60 + 10), QStringLiteral("≈ 4 h 08 min"));
    QCOMPARE(StatusLine::formatDuration(110 * 3600 + 30 * 60), QStringLiteral("≈ 4 d 15 h"));
    QCOMPARE(StatusLine::formatDuration(12 * 60 + 20), QStringLiteral("≈ 12 min"));
    QCOMPARE(StatusLine::formatDuration(43), QStringLiteral("≈ 45 s"));
    QCOMPARE(StatusLine::formatDuration(-1), QStringLiteral("unknown"));
  }

  void speedAndTimeLeftShowOnlyWhileTraining() {
    ui::StatusLine line;
    line.setState(ui::TrainingState::Running);
    ui::Progress p;
    p.iteration = 1227;
    p.total = 50000;
    p.iterationsPerSecond = 2.2;
    p.etaSeconds = 14880;
    line.setProgress(p);
    QVERIFY2(line.text().contains(QStringLiteral("≈ 4 h 08 min left")), qPrintable(line.text()));
    QVERIFY(line.text().contains(QStringLiteral("2.2 it/s")));
    line.setPending(QStringLiteral("Stopping…"));
    QVERIFY(line.text().contains(QStringLiteral("Stopping…")));
    QVERIFY(!line.text().contains(QStringLiteral("left")));
    line.setState(ui::TrainingState::Finished);
    QVERIFY(!line.text().contains(QStringLiteral("left")));
    QVERIFY(!line.text().contains(QStringLiteral("it/s")));
    QVERIFY(line.text().contains(QStringLiteral("iteration 1,227 / 50,000")));
    line.setState(ui::TrainingState::Failed);  // a failed start: nothing of the old run
    QVERIFY2(!line.text().contains(QStringLiteral("iteration")), qPrintable(line.text()));
  }

  void aNoticeCanShowItsFolder() {
    ui::NoticeBar bar;
    QSignalSpy reveal(&bar, &ui::NoticeBar::revealRequested);
    bar.showNotice(QStringLiteral("Wrote grid.png"), QStringLiteral("/tmp/some/where/grid.png"));
    QVERIFY(bar.isVisibleTo(nullptr) || !bar.isHidden());
    auto buttons = bar.findChildren<QPushButton*>();
    QCOMPARE(buttons.size(), 1);
    buttons.front()->click();
    QCOMPARE(reveal.count(), 1);
    QCOMPARE(reveal.at(0).at(0).toString(), QStringLiteral("/tmp/some/where"));
  }

  void themesSwapThePalette() {
    ui::applyTheme(ui::Theme::Dark);
    QVERIFY(ui::isDarkPalette(QApplication::palette()));
    ui::applyTheme(ui::Theme::Light);
    QVERIFY(!ui::isDarkPalette(QApplication::palette()));
    QCOMPARE(ui::themeFromKey(ui::themeKey(ui::Theme::Dark)), ui::Theme::Dark);
    QCOMPARE(ui::themeFromKey(QStringLiteral("nonsense")), ui::Theme::System);
  }
};

QTEST_MAIN(StatusLineTest)
#include "status_line_test.moc"
