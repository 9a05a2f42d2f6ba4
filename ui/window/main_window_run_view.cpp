// MainWindow as the one view of a run (run_view.h): every feed of a run (the training worker,
// the watcher, an opened run folder) ends in these, and each routes what it gets to its panels.
#include "ui/runs/runs_panel.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/health_banner.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/notice_bar.h"
#include "ui/window/status_line.h"

namespace ui {

void MainWindow::resetRun() {
  plots_->clear();
  plots_->setCursorAt(-1);
  grid_->clear();
  showClassNames({}, false);
  history_->setHistory({}, {});
  healthBanner_->clear();
  statusLine_->clearRun();
  notice_->dismiss();     // "Branching from …, then Start" and the like were of the run before
  showSamplesIfTabbed();  // a run begins (or opens): its grid to the front on a small screen
}

void MainWindow::showTrainer(const QString& device, const QString& model) {
  if (!device.isEmpty()) statusLine_->setDevice(device);
  if (!model.isEmpty()) statusLine_->setModel(model);
}

void MainWindow::showClassNames(const QStringList& names, bool conditional) {
  grid_->setRowLabels(conditional ? names : QStringList());
  statusLine_->setClassNames(names);
}

void MainWindow::showOpenedRun(TrainingState state, const Progress& progress,
                               const QString& model) {
  setTrainingState(TrainingState::Idle);
  statusLine_->setState(state);
  statusLine_->setProgress(progress);
  if (!model.isEmpty()) statusLine_->setModel(model);
}

void MainWindow::setProgress(const Progress& progress) { statusLine_->setProgress(progress); }

void MainWindow::showSkippedFiles(qint64 used, const QStringList& skipped) {
  if (skipped.isEmpty()) return;
  constexpr int kNamed = 3;
  const QStringList named = skipped.mid(0, kNamed);
  QString text = tr("%1 of the data set's files could not be read and are left out (training on "
                    "%2 images): %3")
                     .arg(skipped.size())
                     .arg(used)
                     .arg(named.join(QStringLiteral("; ")));
  if (skipped.size() > kNamed) text += tr(" and %1 more").arg(skipped.size() - kNamed);
  notice_->showNotice(text);
  notice_->setToolTip(skipped.join(QLatin1Char('\n')));
}

void MainWindow::appendMetrics(const QVector<MetricPoint>& points) {
  plots_->appendMetrics(points);
}

void MainWindow::addLiveChange(const LiveChange& change) {
  plots_->addLiveChange(change);
  for (const LiveSetting& setting : change.settings) form_->showValue(setting.key, setting.value);
}

void MainWindow::appendQuality(const QualityPoint& point) {
  plots_->appendQuality(point);
  statusLine_->setQuality(point);
}

void MainWindow::appendScores(const ScorePoint& point) {
  plots_->appendScores(point);
  showGridVerdicts(point.iteration, point.grid);
}

void MainWindow::showGridVerdicts(qint64 iteration, const QVector<float>& verdicts) {
  if (!verdicts.isEmpty() && iteration == grid_->iteration()) grid_->setVerdicts(verdicts);
}

void MainWindow::addHealthNotice(const HealthNotice& notice, bool announce) {
  plots_->addHealthMarker(notice);
  if (announce) healthBanner_->addNotice(notice);
}

void MainWindow::showGrid(const QImage& grid, int columns, qint64 iteration) {
  // A person looking at an older grid (the history scrubber) keeps seeing it.
  if (history_->following()) grid_->setGrid(grid, columns, iteration);
}

void MainWindow::showOpenedGrid(const QImage& grid, int columns, const QString& caption) {
  grid_->setGrid(grid, columns, -1);
  grid_->setCaption(caption);
}

void MainWindow::showHistoryGrid(const QImage& grid, int columns, qint64 iteration) {
  plots_->setCursorAt(iteration);
  if (grid.isNull()) return;
  const QVector<qint64> grids = history_->grids();
  grid_->setGrid(grid, columns, iteration >= 0 ? iteration : grids.value(grids.size() - 1, -1));
}

void MainWindow::setHistory(const QVector<qint64>& grids, const QVector<qint64>& checkpoints) {
  history_->setHistory(grids, checkpoints);
  plots_->setCursorAt(-1);
}

void MainWindow::addGridToHistory(qint64 iteration) { history_->addGrid(iteration); }

void MainWindow::setCheckpoints(const QVector<qint64>& checkpoints) {
  if (history_->checkpoints() != checkpoints) history_->setCheckpoints(checkpoints);
}

void MainWindow::showSettings(const FormValues& values) { form_->setValues(values); }

void MainWindow::showSetting(const QString& key, const QString& value) {
  form_->showValue(key, value);
}

void MainWindow::showNote(const QString& runFolder, const QString& note) {
  runsPanel_->setNote(runFolder, note);
  runsPanel_->selectRun(runFolder);  // its note in the pane, when the run is listed
  const QString first = note.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
  if (!first.isEmpty()) showMessage(tr("Note: %1").arg(first.left(200)), 15000);
}

}  // namespace ui
