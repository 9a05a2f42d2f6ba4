// Videos from the real window (File -> Export): a training time-lapse and a latent walk written
// with progress, read back by ffprobe; Cancel in the progress dialog stops a video and writes
// nothing, while the window stays responsive.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>
#include <memory>

#include "app/gui/explorer/generator_service.h"
#include "app/gui/export/export_controller.h"
#include "app/gui/window_controller.h"
#include "model/runs/run_directory.h"
#include "tests/app/window_fixture.h"
#include "tests/common/video_probe.h"
#include "ui/export/export_dialog.h"
#include "ui/window/main_window.h"

class VideoExportTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;

  ui::MainWindow* window() const { return fixture_->window(); }
  app::GeneratorService* generator() const { return fixture_->controller()->generator(); }

 private Q_SLOTS:
  void init() { fixture_ = std::make_unique<testing_gui::WindowFixture>(); }
  void cleanup() { fixture_.reset(); }

  void aTimeLapseAndALatentWalkAreWrittenWithProgress() {
    const QString run = fixture_->path(QStringLiteral("video"));
    QVERIFY(fixture_->trainAndStop(run, 12, 3));
    const int grids = static_cast<int>(gs::RunDirectory::sample_grids(run.toStdString()).size());
    QVERIFY(grids >= 3);

    ui::ExportRequest timelapse;
    timelapse.kind = ui::ExportRequest::TrainingVideo;
    timelapse.path = fixture_->path(QStringLiteral("out/training.mp4"));  // the folder is made
    timelapse.fps = 8;
    QSignalSpy progress(generator(), &app::GeneratorService::exportProgress);
    QPointer<QProgressDialog> dialog;
    connect(generator(), &app::GeneratorService::exportProgress, this, [&] {
      if (!dialog) dialog = window()->findChild<QProgressDialog*>();
    });
    auto [ok, message] = fixture_->exportNow(timelapse);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("MP4 (H.264) video of %1 grids").arg(grids)),
             qPrintable(message));
    QCOMPARE(progress.size(), grids + 1);  // 0 of n, then each frame
    QCOMPARE(progress.last().at(0).toInt(), grids);
    QVERIFY(dialog != nullptr);      // shown while it ran...
    QTRY_VERIFY(dialog == nullptr);  // ... and gone after
    const gs::testing::VideoProbe mp4 = gs::testing::ffprobe(timelapse.path.toStdString());
    QCOMPARE(QString::fromStdString(mp4.codec), QStringLiteral("h264"));
    QCOMPARE(mp4.frames, grids);
    QCOMPARE(QString::fromStdString(mp4.frame_rate), QStringLiteral("8/1"));

    ui::ExportRequest walk;
    walk.kind = ui::ExportRequest::LatentWalk;
    walk.path = fixture_->path(QStringLiteral("walk.webm"));
    walk.walkSeeds = {5, 6, 7};
    walk.walkFrames = 9;
    walk.fps = 30;
    walk.videoScale = 2;
    std::tie(ok, message) = fixture_->exportNow(walk);
    QVERIFY2(ok, qPrintable(message));
    const gs::testing::VideoProbe webm = gs::testing::ffprobe(walk.path.toStdString());
    QCOMPARE(QString::fromStdString(webm.codec), QStringLiteral("vp9"));
    QCOMPARE(webm.frames, 9);
    QCOMPARE(webm.width, 28 * 2);
  }

  void cancellingAVideoWritesNothingAndTheWindowStaysResponsive() {
    const QString run = fixture_->path(QStringLiteral("cancel"));
    QVERIFY(fixture_->trainAndStop(run, 6, 3));
    ui::ExportRequest walk;
    walk.kind = ui::ExportRequest::LatentWalk;
    walk.path = fixture_->path(QStringLiteral("long.mp4"));
    walk.walkFrames = 100000;  // far longer than the test waits
    walk.videoScale = 16;
    QSignalSpy progress(generator(), &app::GeneratorService::exportProgress);
    QSignalSpy finished(fixture_->controller()->exporter(), &app::ExportController::exportFinished);
    fixture_->controller()->exporter()->startExport(walk);
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 30000);
    // The GUI thread is free while the frames are written: the window repaints and answers.
    QProgressDialog* dialog = window()->findChild<QProgressDialog*>();
    QVERIFY(dialog != nullptr);
    QVERIFY(!dialog->isModal());
    QTRY_COMPARE(dialog->maximum(), 100000);
    QVERIFY(dialog->labelText().contains(QStringLiteral("of 100000")));
    // A second video meanwhile is refused (the dialog is the only way to cancel the first).
    ui::ExportRequest second = walk;
    second.path = fixture_->path(QStringLiteral("second.mp4"));
    QVERIFY(!fixture_->exportNow(second).first);
    QCOMPARE(window()->findChildren<QProgressDialog*>().size(), 1);
    QPushButton* cancel = dialog->findChild<QPushButton*>();
    QVERIFY(cancel != nullptr);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    QVERIFY(finished.size() >= 2 || finished.wait(30000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(!QFile::exists(walk.path));
    QCOMPARE(QDir(fixture_->path(QString()))
                 .entryList({QStringLiteral(".long*")}, QDir::Hidden | QDir::Files)
                 .size(),
             0);
    QCOMPARE(window()->statusBar()->currentMessage(),
             QStringLiteral("Export cancelled; nothing was written"));
    QTRY_VERIFY(window()->findChild<QProgressDialog*>() == nullptr);
    // The next export runs as usual.
    walk.walkFrames = 4;
    walk.path = fixture_->path(QStringLiteral("short.mp4"));
    QVERIFY(fixture_->exportNow(walk).first);
    QCOMPARE(gs::testing::ffprobe(walk.path.toStdString()).frames, 4);
  }

  void theDialogOffersVideosWithTheirOwnDefaults() {
    ui::ExportDialog dialog(fixture_->path(QString()));
    dialog.select(ui::ExportRequest::LatentWalk);
    ui::ExportRequest r = dialog.request();
    QCOMPARE(r.kind, ui::ExportRequest::LatentWalk);
    QVERIFY2(r.path.endsWith(QStringLiteral("latent-walk.mp4")), qPrintable(r.path));
    QCOMPARE(r.fps, 30);
    QCOMPARE(r.videoScale, 8);
    QCOMPARE(r.walkSeeds, (std::vector<quint64>{1, 2, 3, 4}));
    // The format follows the combo box, and the name follows the format.
    QComboBox* format = nullptr;
    for (QComboBox* box : dialog.findChildren<QComboBox*>()) {
      if (box->findData(QStringLiteral("webm")) >= 0) format = box;
    }
    QVERIFY(format != nullptr);
    format->setCurrentIndex(format->findData(QStringLiteral("webm")));
    QVERIFY(dialog.request().path.endsWith(QStringLiteral("latent-walk.webm")));
    dialog.select(ui::ExportRequest::TrainingVideo);
    r = dialog.request();
    QVERIFY2(r.path.endsWith(QStringLiteral("training.webm")), qPrintable(r.path));
    QCOMPARE(r.fps, 10);
    QCOMPARE(r.videoScale, 1);
    QVERIFY(r.caption);
    // Seeds that are not seeds: the reason shows and Export waits.
    dialog.select(ui::ExportRequest::LatentWalk);
    QLineEdit* seeds = nullptr;
    for (QLineEdit* edit : dialog.findChildren<QLineEdit*>()) {
      if (edit->text() == QStringLiteral("1, 2, 3, 4")) seeds = edit;
    }
    QVERIFY(seeds != nullptr);
    seeds->setText(QStringLiteral("3, x"));
    QPushButton* exportButton = nullptr;
    for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
      if (button->text() == QStringLiteral("Export")) exportButton = button;
    }
    QVERIFY(exportButton != nullptr);
    QVERIFY(!exportButton->isEnabled());
    seeds->setText(QStringLiteral("3"));
    QVERIFY(!exportButton->isEnabled());
    seeds->setText(QStringLiteral("3; 9 12"));
    QVERIFY(exportButton->isEnabled());
    QCOMPARE(dialog.request().walkSeeds, (std::vector<quint64>{3, 9, 12}));
    // The report's grids by iteration: empty is the default, words are refused.
    dialog.select(ui::ExportRequest::Report);
    QVERIFY(dialog.request().path.endsWith(QStringLiteral("report.html")));
    QVERIFY(dialog.request().reportGrids.empty());
    QLineEdit* grids = nullptr;
    for (QLineEdit* edit : dialog.findChildren<QLineEdit*>()) {
      if (edit->placeholderText() == QStringLiteral("four spread over the run")) grids = edit;
    }
    QVERIFY(grids != nullptr);
    grids->setText(QStringLiteral("100, x"));
    QVERIFY(!exportButton->isEnabled());
    grids->setText(QStringLiteral("100, 2000"));
    QVERIFY(exportButton->isEnabled());
    QCOMPARE(dialog.request().reportGrids, (std::vector<qint64>{100, 2000}));
  }
};

QTEST_MAIN(VideoExportTest)
#include "video_export_test.moc"
