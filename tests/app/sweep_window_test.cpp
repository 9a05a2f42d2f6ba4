// A sweep in the window (issue 28): a real sweep run by ganstudio-cli (tiny model, trial
// processes, the quality meter) shown as a group in the runs panel; brushing the
// parallel-coordinates chart with the mouse, selecting and opening a trial from a line, comparing
// ticked trials, "Branch from Best"; the Sweep dialog refusing a bad range by name and a sweep
// started from the window showing up in the panel.
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>
#include <cmath>

#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/runs/runs_controller.h"
#include "app/gui/sweeps/sweep_controller.h"
#include "tests/app/window_fixture.h"
#include "tests/common/process.h"
#include "ui/runs/runs_panel.h"
#include "ui/sweeps/parallel_coordinates.h"
#include "ui/sweeps/sweep_dialog.h"
#include "ui/sweeps/sweep_view.h"
#include "ui/training/plots_panel.h"

namespace {

const std::string kCli = GANSTUDIO_CLI_PATH;

// A grid of 3 learning rates x 2 losses on a tiny compact model, 6 iterations each.
bool makeSweep(const QString& out) {
  const gs::testing::ProcessResult result =
      gs::testing::run_process({kCli,        "sweep",
                                "--set",     "model.noise_dim=8",
                                "--set",     "model.g_widths=[16, 8, 4]",
                                "--set",     "model.d_widths=[4, 8, 16]",
                                "--set",     "training.batch_size=8",
                                "--set",     "training.device=cpu",
                                "--set",     "outputs.checkpoint_every=3",
                                "--set",     "training.learning_rate_d=1e-4,4e-4,1.6e-3",
                                "--set",     "training.loss=bce,hinge",
                                "--budget",  "36i",
                                "--samples", "100",
                                "--out",     out.toStdString()});
  if (result.exit_code != 0) qWarning("%s", result.output.c_str());
  return result.exit_code == 0;
}

QPointF between(const ui::ParallelCoordinates* chart, int trial, int a, int b) {
  return (chart->pointOf(trial, a) + chart->pointOf(trial, b)) / 2;
}

}  // namespace

class SweepWindowTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<testing_gui::WindowFixture> fixture_;
  ui::MainWindow* window() const { return fixture_->window(); }
  app::WindowController* controller() const { return fixture_->controller(); }

 private Q_SLOTS:
  void initTestCase() { qputenv("GANSTUDIO_CLI", GANSTUDIO_CLI_PATH); }
  void init() { fixture_ = std::make_unique<testing_gui::WindowFixture>(); }
  void cleanup() { fixture_.reset(); }

  void aSweepIsAGroupWhoseChartBrushesSelectsAndOpensTrials() {
    const QString sweep = fixture_->path(QStringLiteral("sweep"));
    QVERIFY(makeSweep(sweep));
    fixture_->open(fixture_->path(QStringLiteral("unused")));
    QSignalSpy listed(controller()->runs(), &app::RunsController::runsListed);
    controller()->runs()->addFolder(sweep);
    QTRY_VERIFY(!listed.isEmpty());
    ui::RunsPanel* panel = window()->runsPanel();
    // One group with its six trials; the panel counts runs, not groups.
    QCOMPARE(panel->tree()->topLevelItemCount(), 1);
    QCOMPARE(panel->tree()->topLevelItem(0)->childCount(), 6);
    QCOMPARE(panel->runCount(), 6);
    panel->selectSweep(sweep);
    ui::SweepView* view = panel->sweepView();
    QVERIFY(view->isVisibleTo(panel));
    QCOMPARE(panel->currentSweep(), sweep);
    QCOMPARE(view->table()->rowCount(), 6);
    // Best first: the rank column reads 1 on the first row, and its distance is the lowest.
    QCOMPARE(view->table()->item(0, 1)->text(), QStringLiteral("1"));
    ui::ParallelCoordinates* chart = view->chart();
    QCOMPARE(chart->axisCount(), 3);  // learning_rate_d, loss, distance
    window()->resize(1400, 900);
    window()->show();
    QVERIFY(QTest::qWaitForWindowExposed(window()));
    QTRY_VERIFY(chart->height() > 120);
    const QVector<ui::SweepTrial>& trials = view->sweep().trials;

    // Brush the top of the learning rate's axis with the mouse: only the 1.6e-3 trials stay.
    const double x = chart->axisX(0);
    const double top = chart->axisTop();
    const double bottom = chart->axisBottom();
    QTest::mousePress(chart, Qt::LeftButton, {},
                      QPoint(qRound(x), qRound(top + 0.15 * (bottom - top))));
    QTest::mouseMove(chart, QPoint(qRound(x), qRound(top - 4)));
    QTest::mouseRelease(chart, Qt::LeftButton, {}, QPoint(qRound(x), qRound(top - 4)));
    QVERIFY(chart->hasBrush(0));
    const QVector<int> visible = chart->visibleTrials();
    QCOMPARE(visible.size(), 2);
    for (int t : visible) QCOMPARE(trials[t].values[0].toDouble(), 1.6e-3);
    int hidden = 0;
    for (int row = 0; row < view->table()->rowCount(); ++row)
      hidden += view->table()->isRowHidden(row) ? 1 : 0;
    QCOMPARE(hidden, 4);
    QCOMPARE(view->visibleTrials().size(), 2);

    // Click a line in view: its trial is selected in the table and in the tree.
    const int chosen = visible.front();
    const QPoint onLine = between(chart, chosen, 0, 1).toPoint();
    QCOMPARE(chart->trialAt(onLine), chosen);
    QSignalSpy clicked(chart, &ui::ParallelCoordinates::trialClicked);
    QTest::mouseClick(chart, Qt::LeftButton, {}, onLine);
    QCOMPARE(chart->selectedTrial(), chosen);
    QCOMPARE(view->selectedTrial(), trials[chosen].path);
    QCOMPARE(panel->selectedRun(), trials[chosen].path);

    // Double-click it: the trial's run opens (its curves, then its generator).
    QSignalSpy opened(controller()->explorer(), &app::ExplorerController::checkpointOpened);
    QTest::mouseDClick(chart, Qt::LeftButton, {}, onLine);
    QCOMPARE(window()->plots()->pointCount(), static_cast<int>(trials[chosen].iterations));
    QCOMPARE(window()->plots()->qualityPointCount(), 1);  // the sweep's measurement of the trial
    QVERIFY(opened.wait(20000));

    // A click on the brushed axis clears the brush: all six again.
    QTest::mouseClick(chart, Qt::LeftButton, {}, QPoint(qRound(x), qRound((top + bottom) / 2)));
    QVERIFY(!chart->hasBrush(0));
    QCOMPARE(chart->visibleTrials().size(), 6);

    // Tick two trials in the table: their curves overlay the charts.
    QSignalSpy compared(controller()->runs(), &app::RunsController::compared);
    for (int row = 0; row < 2; ++row) view->table()->item(row, 0)->setCheckState(Qt::Checked);
    QTRY_VERIFY(!compared.isEmpty() && compared.last().at(0).toInt() == 2);
    QCOMPARE(window()->plots()->overlayCount(), 2);
    QCOMPARE(window()->plots()->overlayQualityCount(0), 1);
    QCOMPARE(window()->plots()->overlayQualityCount(1), 1);
    QCOMPARE(panel->comparedRuns().size(), 2);

    // Branch from Best: the next Start trains a branch of the best trial's newest checkpoint.
    QPushButton* branch = nullptr;
    for (QPushButton* b : view->findChildren<QPushButton*>())
      if (b->text() == ui::SweepView::tr("&Branch from Best")) branch = b;
    QVERIFY(branch && branch->isEnabled());
    branch->click();
    const QString pending = controller()->run()->pendingBranch();
    QVERIFY2(pending.startsWith(view->sweep().best + QLatin1Char('@')), qPrintable(pending));
    QCOMPARE(view->sweep().best,
             trials[view->table()->item(0, 0)->data(Qt::UserRole + 1).toInt()].path);
  }

  void theSweepDialogRefusesABadRangeAndStartsASweepThePanelShows() {
    fixture_->open(fixture_->path(QStringLiteral("unused")));
    const QString folder = fixture_->path(QStringLiteral("from-window"));
    ui::SweepDialog dialog(
        {QStringLiteral("training.learning_rate_d"), QStringLiteral("training.loss")}, folder);
    dialog.setValidator(&app::SweepController::check);
    dialog.addSetting(QStringLiteral("training.learning_rate_d"), QStringLiteral("log"),
                      QStringLiteral("abc..1e-3"));
    dialog.setMethod(QStringLiteral("random"));
    dialog.accept();
    QCOMPARE(dialog.result(), static_cast<int>(QDialog::Rejected));  // still open
    // GANSTUDIO_SCREENSHOTS=DIR keeps a picture of the dialog with its message (to look at).
    if (qEnvironmentVariableIsSet("GANSTUDIO_SCREENSHOTS")) {
      dialog.show();
      QVERIFY(QTest::qWaitForWindowExposed(&dialog));
      dialog.grab().save(qEnvironmentVariable("GANSTUDIO_SCREENSHOTS") +
                         QStringLiteral("/sweep-dialog.png"));
    }
    QVERIFY2(dialog.problem().contains(QStringLiteral("training.learning_rate_d")),
             qPrintable(dialog.problem()));

    // A grid of two losses on the form's tiny model, 8 iterations in all.
    ui::SweepRequest request;
    request.sets = {QStringLiteral("training.loss=bce,hinge")};
    request.method = QStringLiteral("grid");
    request.budget = QStringLiteral("8i");
    request.folder = folder;
    QCOMPARE(app::SweepController::check(request), QString());
    // A grid over a range is refused as the CLI refuses it, naming the key.
    ui::SweepRequest ranged = request;
    ranged.sets << QStringLiteral("training.beta1=lin:0..0.9");
    QVERIFY2(app::SweepController::check(ranged).contains(QStringLiteral("training.beta1")),
             qPrintable(app::SweepController::check(ranged)));
    QSignalSpy listed(controller()->runs(), &app::RunsController::runsListed);
    QString error;
    QVERIFY2(controller()->sweeps()->start(request, &error), qPrintable(error));
    controller()->runs()->showSweep(folder);
    ui::RunsPanel* panel = window()->runsPanel();
    // The panel polls the folder as the trials run; both trials get a distance.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          controller()->runs()->refresh();
          const ui::SweepData& shown = panel->sweepView()->sweep();
          if (shown.path != folder || shown.trials.size() != 2) return false;
          for (const ui::SweepTrial& t : shown.trials)
            if (!std::isfinite(t.fd)) return false;
          return true;
        }(),
        120000);
    QCOMPARE(panel->currentSweep(), folder);
    // The form's tiny model went to every trial.
    QCOMPARE(panel->sweepView()->sweep().runs.size(), 2);
    QCOMPARE(panel->sweepView()->sweep().runs[0].preset, QStringLiteral("compact"));
  }
};

QTEST_MAIN(SweepWindowTest)
#include "sweep_window_test.moc"
