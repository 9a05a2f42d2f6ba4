#include "ui/window/status_line.h"

#include <QLabel>
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
    line.setState(ui::TrainingState::Stopped);  // named as the CLI names it
    QVERIFY2(line.text().startsWith(QStringLiteral("Stopped | iteration 1,227")),
             qPrintable(line.text()));
    line.setState(ui::TrainingState::Failed);  // where it failed stays in view
    QVERIFY(line.text().contains(QStringLiteral("iteration 1,227 / 50,000")));
    ui::QualityPoint quality;
    quality.fd = 12.5;
    line.setQuality(quality);
    line.clearRun();  // a new run: nothing of the old one
    QVERIFY2(!line.text().contains(QStringLiteral("iteration")), qPrintable(line.text()));
    QVERIFY(!line.text().contains(QStringLiteral("FD")));
    line.setState(ui::TrainingState::Running);
    QVERIFY2(!line.text().contains(QStringLiteral("it/s")), qPrintable(line.text()));
  }

  void anOpenEndedRunCountsWithoutATotal() {
    ui::StatusLine line;
    line.setState(ui::TrainingState::Running);
    ui::Progress p;
    p.iteration = 1227;
    p.total = 1000000000;  // a sweep's time-limited trial
    p.iterationsPerSecond = 20;
    p.etaSeconds = 50000000;
    line.setProgress(p);
    QVERIFY2(line.text().contains(QStringLiteral("iteration 1,227 ")), qPrintable(line.text()));
    QVERIFY(!line.text().contains(QStringLiteral("1,000,000,000")));
    QVERIFY(!line.text().contains(QStringLiteral("left")));
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

  void aJapaneseStateNeverWrapsAway() {
    // A state of three kanji may break between any two of them in a rich-text label, which a
    // tight status bar then squeezes to nothing: the labels are plain and keep their text's width.
    ui::StatusLine line;
    line.setPending(QStringLiteral("学習中"));
    QLabel* state = nullptr;
    for (QLabel* label : line.findChildren<QLabel*>())
      if (label->text() == QStringLiteral("学習中")) state = label;
    QVERIFY(state);
    QCOMPARE(state->textFormat(), Qt::PlainText);
    QVERIFY(state->font().bold());
    QVERIFY(state->minimumSizeHint().width() >=
            state->fontMetrics().horizontalAdvance(QStringLiteral("学習中")));
  }

  void darkThemeGlyphsAreLightAndItsFileChoosersDark() {
    // The toolbar's and the history's media glyphs: light on a dark palette, dark on a light one.
    auto meanLightness = [](const QIcon& icon) {
      const QImage image = icon.pixmap(24, 24).toImage().convertToFormat(QImage::Format_ARGB32);
      double sum = 0;
      int count = 0;
      for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
          if (qAlpha(image.pixel(x, y)) > 128) {
            sum += QColor(image.pixel(x, y)).lightness();
            ++count;
          }
      return count > 0 ? sum / count : -1.0;
    };
    ui::applyTheme(ui::Theme::Dark);
    for (QStyle::StandardPixmap glyph :
         {QStyle::SP_MediaPlay, QStyle::SP_MediaPause, QStyle::SP_MediaStop}) {
      const double light = meanLightness(ui::paletteIcon(glyph, QApplication::palette()));
      QVERIFY2(light > 160, qPrintable(QString::number(light)));
    }
    // Qt's own file dialogs, in the theme's colours.
    QVERIFY(QCoreApplication::testAttribute(Qt::AA_DontUseNativeDialogs));
    ui::applyTheme(ui::Theme::Light);
    const double dark =
        meanLightness(ui::paletteIcon(QStyle::SP_MediaStop, QApplication::palette()));
    QVERIFY2(dark >= 0 && dark < 100, qPrintable(QString::number(dark)));
    ui::applyTheme(ui::Theme::System);
    QVERIFY(!QCoreApplication::testAttribute(Qt::AA_DontUseNativeDialogs));
  }
};

QTEST_MAIN(StatusLineTest)
#include "status_line_test.moc"
