#include "ui/samples/history_scrubber.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

class HistoryScrubberTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void keysMoveThroughEveryGridAndEndFollowsAgain() {
    ui::HistoryScrubber scrubber;
    scrubber.setHistory({100, 200, 300, 400}, {200, 400});
    QCOMPARE(scrubber.current(), 400);
    QVERIFY(scrubber.following());
    QSignalSpy chosen(&scrubber, &ui::HistoryScrubber::iterationChosen);
    QSignalSpy following(&scrubber, &ui::HistoryScrubber::followingChanged);
    QTest::keyClick(&scrubber, Qt::Key_Left);
    QCOMPARE(scrubber.current(), 300);
    QVERIFY(!scrubber.following());
    QCOMPARE(following.count(), 1);
    QTest::keyClick(&scrubber, Qt::Key_Home);
    QCOMPARE(scrubber.current(), 100);
    QTest::keyClick(&scrubber, Qt::Key_Left);  // stays at the first
    QCOMPARE(scrubber.current(), 100);
    QCOMPARE(chosen.last().at(0).toLongLong(), 100);
    QTest::keyClick(&scrubber, Qt::Key_End);
    QCOMPARE(scrubber.current(), 400);
    QVERIFY(scrubber.following());
  }

  void aLiveRunIsFollowedUnlessThePersonScrubbedBack() {
    ui::HistoryScrubber scrubber;
    scrubber.addGrid(50);
    scrubber.addGrid(100);
    QCOMPARE(scrubber.current(), 100);
    scrubber.addGrid(150);
    QCOMPARE(scrubber.current(), 150);  // following
    scrubber.showIteration(120);        // the grid at or before 120
    QCOMPARE(scrubber.current(), 100);
    scrubber.addGrid(200);
    QCOMPARE(scrubber.current(), 100);  // stays where the person put it
    QCOMPARE(scrubber.grids().size(), 4);
    scrubber.setCheckpoints({200, 150});
    QCOMPARE(scrubber.checkpoints(), (QVector<qint64>{150, 200}));
    scrubber.setCheckpoints({200});  // 150 pruned: its mark goes
    QCOMPARE(scrubber.checkpoints(), (QVector<qint64>{200}));
  }

  void playShowsEachGridInTurnAndStopsAtTheEnd() {
    ui::HistoryScrubber scrubber;
    scrubber.setHistory({10, 20, 30}, {});
    QSignalSpy chosen(&scrubber, &ui::HistoryScrubber::iterationChosen);
    scrubber.play(true);  // at the end: starts again from the first
    QVERIFY(scrubber.playing());
    QTRY_VERIFY(!scrubber.playing());
    QVector<qint64> shown;
    for (const auto& args : chosen) shown.append(args.at(0).toLongLong());
    QCOMPARE(shown, (QVector<qint64>{10, 20, 30}));
  }

  void aClickOnTheTrackJumpsThere() {
    ui::HistoryScrubber scrubber;
    scrubber.resize(600, 40);
    QVector<qint64> grids;
    for (int i = 1; i <= 101; ++i) grids.append(i * 10);
    scrubber.setHistory(grids, {});
    scrubber.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scrubber));
    auto* slider = scrubber.findChild<QSlider*>();
    QVERIFY(slider);
    // A quarter of the way along the track: about the 26th grid, not one page back from the end.
    const QPoint quarter(slider->width() / 4, slider->height() / 2);
    QTest::mouseClick(slider, Qt::LeftButton, {}, quarter);
    QVERIFY2(std::abs(scrubber.current() - 260) <= 30,
             qPrintable(QString::number(scrubber.current())));
    QVERIFY(!scrubber.following());
  }

  void aNarrowColumnGivesTheTimelineARowOfItsOwn() {
    ui::HistoryScrubber scrubber;
    scrubber.setHistory({10, 20, 30}, {});
    scrubber.resize(320, 60);
    scrubber.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scrubber));
    auto* slider = scrubber.findChild<QSlider*>();
    auto* label = scrubber.findChild<QLabel*>();
    auto sameRow = [&] {
      return std::abs(slider->geometry().center().y() - label->geometry().center().y()) <= 6;
    };
    QTRY_VERIFY2(slider->width() >= 280, qPrintable(QString::number(slider->width())));
    QVERIFY(!sameRow());
    scrubber.resize(900, 40);  // room again: one row
    QTRY_VERIFY(sameRow());
  }
};

QTEST_MAIN(HistoryScrubberTest)
#include "history_scrubber_test.moc"
