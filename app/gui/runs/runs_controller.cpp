#include "app/gui/runs/runs_controller.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QThreadPool>
#include <QUrl>
#include <cmath>
#include <optional>

#include "app/gui/conversions.h"
#include "app/gui/explorer/explorer_controller.h"
#include "app/gui/run/run_controller.h"
#include "app/gui/runs/run_rows.h"
#include "model/config/config.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_catalog.h"
#include "model/runs/run_directory.h"
#include "model/runs/run_notes.h"
#include "model/runs/runs_csv.h"
#include "model/sweeps/sweep_catalog.h"
#include "ui/training/plots_panel.h"
#include "ui/window/main_window.h"

namespace app {

namespace {

constexpr int kRefreshMs = 4000;
const char* const kFoldersKey = "runsFolders";

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

RunsController::RunsController(ui::MainWindow* window, ExplorerController* explorer,
                               QObject* parent)
    : QObject(parent),
      window_(window),
      view_(window),
      panel_(window->runsPanel()),
      plots_(window->plots()),
      explorer_(explorer) {
  folders_ << RunController::defaultRunsFolder();
  for (const QString& folder : QSettings().value(QLatin1String(kFoldersKey)).toStringList())
    if (!folders_.contains(folder)) folders_ << folder;
  ui::RunsPanel* panel = panel_;
  connect(panel, &ui::RunsPanel::openRequested, this, &RunsController::openRun);
  connect(panel, &ui::RunsPanel::noteEdited, this, &RunsController::saveNote);
  connect(this, &RunsController::noteSaved, panel, &ui::RunsPanel::showNoteSaved);
  noteTimer_.setInterval(100);  // a trainer's answers to notes sent to it
  connect(&noteTimer_, &QTimer::timeout, this, &RunsController::collectNoteAnswers);
  connect(panel, &ui::RunsPanel::renameRequested, this, &RunsController::rename);
  connect(panel, &ui::RunsPanel::revealRequested, this,
          [](const QString& path) { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
  connect(panel, &ui::RunsPanel::deleteRequested, this, &RunsController::remove);
  connect(panel, &ui::RunsPanel::exportTableRequested, this, [this] {
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Export the Runs Table"), QDir::home().filePath(QStringLiteral("runs.csv")),
        tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    QString problem;
    if (exportTable(path, &problem)) {
      window_->showMessage(tr("Saved the runs table to %1").arg(QDir::toNativeSeparators(path)),
                           5000);
    } else {
      window_->showError(tr("Cannot export the runs table"), problem);
    }
  });
  connect(panel, &ui::RunsPanel::compareChanged, this, &RunsController::compare);
  connect(panel, &ui::RunsPanel::alignByTimeChanged, plots_, &ui::PlotsPanel::setAlignByTime);
  connect(panel, &ui::RunsPanel::branchFromBestRequested, this, &RunsController::branchFrom);
  connect(panel, &ui::RunsPanel::addFolderRequested, this, [this] {
    const QString folder =
        QFileDialog::getExistingDirectory(window_, tr("A folder that holds run folders"));
    if (!folder.isEmpty()) addFolder(folder);
  });
  // Refreshes while the panel is visible (a run written by another process shows up too).
  timer_.setInterval(kRefreshMs);
  connect(&timer_, &QTimer::timeout, this, &RunsController::refresh);
  connect(window_->runsDock(), &QDockWidget::visibilityChanged, this, [this](bool visible) {
    if (visible) {
      refresh();
      timer_.start();
    } else {
      timer_.stop();
    }
  });
}

RunsController::~RunsController() { ++generation_; }

void RunsController::addFolder(const QString& folder) {
  if (folders_.contains(folder)) return;
  folders_ << folder;
  QSettings().setValue(QLatin1String(kFoldersKey), folders_.mid(1));
  refresh();
}

void RunsController::refresh() {
  if (listing_) return;  // one listing at a time
  listing_ = true;
  const quint64 generation = ++generation_;
  const QStringList folders = folders_;
  QPointer<RunsController> self(this);
  QThreadPool::globalInstance()->start([self, folders, generation] {
    QVector<ui::RunRow> rows;
    QVector<ui::SweepData> sweeps;
    for (const QString& folder : folders) {
      if (!QFileInfo(folder).isDir()) continue;
      try {
        // A sweep's folder holds no runs of its own; its trials come with the sweep.
        for (const gs::SweepSummary& sweep : gs::list_sweeps(folder.toStdString()))
          sweeps.append(toSweepData(sweep));
        if (gs::is_sweep_folder(folder.toStdString())) continue;
        for (const gs::RunSummary& run : gs::list_runs(folder.toStdString()))
          rows.append(toRunRow(run));
      } catch (const gs::Error&) {
        // a folder that went away between the check and the listing
      }
    }
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, generation, rows, sweeps] {
          if (self) self->listed(generation, rows, sweeps);
        },
        Qt::QueuedConnection);
  });
}

void RunsController::listed(quint64 generation, const QVector<ui::RunRow>& rows,
                            const QVector<ui::SweepData>& sweeps) {
  listing_ = false;
  if (generation != generation_) return;  // a newer one was asked for
  panel_->setRuns(rows, sweeps);
  if (!pendingSweep_.isEmpty()) {
    for (const ui::SweepData& sweep : sweeps) {
      if (QFileInfo(sweep.path) == QFileInfo(pendingSweep_)) {
        panel_->selectSweep(sweep.path);
        pendingSweep_.clear();
      }
    }
  }
  Q_EMIT runsListed(static_cast<int>(rows.size()));
}

bool RunsController::exportTable(const QString& path, QString* problem) {
  // What the panel lists: the runs of each folder (a sweep's trials come with its sweep).
  try {
    std::vector<gs::RunSummary> runs;
    for (const QString& folder : folders_) {
      if (!QFileInfo(folder).isDir() || gs::is_sweep_folder(folder.toStdString())) continue;
      for (gs::RunSummary& run : gs::list_runs(folder.toStdString()))
        runs.push_back(std::move(run));
    }
    gs::write_file_atomically(path.toStdString(), gs::runs_csv(runs));
    return true;
  } catch (const std::exception& error) {
    if (problem) *problem = q(error.what());
    return false;
  }
}

void RunsController::showSweep(const QString& folder) {
  pendingSweep_ = folder;
  const QString parent = QFileInfo(folder).absolutePath();
  bool listed = false;
  for (const QString& f : folders_) listed = listed || QFileInfo(f) == QFileInfo(parent);
  if (!listed) {
    addFolder(folder);  // refreshes
  } else {
    refresh();
  }
}

void RunsController::branchFrom(const QString& runPath) {
  try {
    const gs::RunSummary run = gs::summarize_run(runPath.toStdString());
    if (run.checkpoints.empty()) {
      window_->showError(tr("Cannot branch"), tr("%1 has no checkpoint yet.").arg(runPath));
      return;
    }
    Q_EMIT branchRequested(runPath, run.checkpoints.back());
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot branch"), q(error.what()));
  }
}

void RunsController::openRun(const QString& path) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"), tr("Stop training before opening another run."));
    return;
  }
  // Its curves, quality and status now; its grid, explorer and history come with its checkpoint.
  try {
    const gs::RunSummary summary = gs::summarize_run(path.toStdString());
    const QVector<ui::MetricPoint> points =
        readMetricPoints(QDir(path).filePath(QLatin1String(gs::kMetricsFile)).toStdString());
    const std::vector<gs::QualityScores> quality = gs::read_quality(path.toStdString());
    std::optional<gs::RunConfig> config;
    try {
      config = gs::load_config(QDir(path).filePath(QLatin1String(gs::kConfigFile)).toStdString());
    } catch (const gs::Error&) {
      // a damaged config.yaml: the curves still open, the networks and classes go unnamed
    }
    const QString model = config ? modelSummary(*config) : QString();
    view_->resetRun();
    if (config) showClassesOf(*view_, *config);
    view_->appendMetrics(points);
    for (const gs::QualityScores& scores : quality) view_->appendQuality(toQualityPoint(scores));
    for (const ui::ScorePoint& point : readScorePoints(path.toStdString()))
      view_->appendScores(point);
    const std::optional<gs::RunState> state = gs::run_state_from_string(summary.state);
    ui::Progress progress;
    progress.iteration = summary.done;
    progress.total = summary.planned;
    progress.epoch = -1;
    view_->showOpenedRun(state ? toTrainingState(*state) : ui::TrainingState::Idle, progress,
                         model);
    view_->showNote(path, q(summary.note));
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot open the run"), q(error.what()));
    return;
  }
  explorer_->openCheckpoint(path);
}

void RunsController::saveNote(const QString& path, const QString& note) {
  try {
    std::string request;
    const gs::NoteDelivery delivery =
        gs::save_run_note(path.toStdString(), note.toStdString(), "window", &request);
    if (delivery == gs::NoteDelivery::Written) {
      Q_EMIT noteSaved(path, true, tr("Saved"));
      return;
    }
    // A trainer holds the run (another process, or this window's own training): it writes the
    // note between iterations and answers.
    pendingNotes_.append({path, q(request), QDeadlineTimer(kNoteAnswerMs)});
    if (!noteTimer_.isActive()) noteTimer_.start();
  } catch (const gs::Error& error) {
    Q_EMIT noteSaved(path, false, q(error.what()));
  }
}

void RunsController::collectNoteAnswers() {
  for (int i = 0; i < pendingNotes_.size();) {
    const PendingNote& pending = pendingNotes_[i];
    std::optional<gs::ControlAnswer> answer;
    QString problem;
    try {
      answer = gs::read_control_answer(pending.request.toStdString());
    } catch (const gs::Error& error) {
      problem = q(error.what());
    }
    if (!answer && problem.isEmpty() && !pending.deadline.hasExpired()) {
      ++i;
      continue;
    }
    QFile::remove(q(gs::control_answer_path(pending.request.toStdString())));
    if (answer && answer->applied) {
      Q_EMIT noteSaved(pending.path, true, tr("Saved by the run's trainer"));
    } else {
      Q_EMIT noteSaved(pending.path, false,
                       answer ? tr("The run's trainer refused the note: %1").arg(q(answer->message))
                       : !problem.isEmpty()
                           ? problem
                           : tr("The run's trainer did not answer; the note was not saved"));
    }
    pendingNotes_.removeAt(i);
  }
  if (pendingNotes_.isEmpty()) noteTimer_.stop();
}

void RunsController::compare(const QStringList& paths) {
  QVector<ui::RunOverlay> overlays;
  QStringList names;
  std::vector<gs::RunConfig> configs;
  for (const QString& path : paths) {
    try {
      ui::RunOverlay overlay;
      const gs::RunSummary summary = gs::summarize_run(path.toStdString());
      overlay.name = q(summary.name);
      for (const ui::MetricPoint& p :
           readMetricPoints(QDir(path).filePath(QLatin1String(gs::kMetricsFile)).toStdString())) {
        overlay.iterations.append(static_cast<double>(p.iteration));
        overlay.minutes.append(p.seconds / 60.0);
        overlay.values[0].append(p.d_loss);
        overlay.values[1].append(p.g_loss);
        overlay.values[2].append(p.d_acc);
        overlay.values[3].append(p.g_acc);
      }
      for (const gs::QualityScores& scores : gs::read_quality(path.toStdString())) {
        overlay.qualityIterations.append(static_cast<double>(scores.iteration));
        overlay.qualityFd.append(scores.fd);
      }
      configs.push_back(
          gs::load_config(QDir(path).filePath(QLatin1String(gs::kConfigFile)).toStdString()));
      overlays.append(overlay);
      names << overlay.name;
    } catch (const gs::Error& error) {
      window_->showMessage(tr("Cannot compare %1: %2").arg(path, q(error.what())), 8000);
    }
  }
  plots_->setOverlays(overlays.size() >= 2 ? overlays : QVector<ui::RunOverlay>{});
  // The settings that differ (where a run went, its folder, always does: left out).
  QVector<QPair<QString, QStringList>> rows;
  if (configs.size() >= 2) {
    for (const gs::SettingInfo& info : gs::setting_infos()) {
      if (!info.describes_run) continue;
      QStringList values;
      for (const gs::RunConfig& config : configs) values << q(gs::get_value(config, info.key));
      if (values.count(values.front()) != values.size()) rows.append({q(info.key), values});
    }
  }
  panel_->setDifferences(configs.size() >= 2 ? names : QStringList{}, rows);
  Q_EMIT compared(static_cast<int>(overlays.size()));
}

void RunsController::rename(const QString& path, const QString& name) {
  try {
    gs::set_run_name(path.toStdString(), name.toStdString());
  } catch (const gs::Error& error) {
    window_->showError(tr("Cannot rename the run"), q(error.what()));
    return;
  }
  refresh();
}

void RunsController::remove(const QString& path) {
  if (window_->runActive()) {
    window_->showError(tr("A run is active"), tr("Stop training before deleting a run."));
    return;
  }
  const auto answer = QMessageBox::question(
      window_, tr("Delete the run"),
      tr("Move the run folder %1 to the trash? Its checkpoints, curves and grids go with it.")
          .arg(QDir::toNativeSeparators(path)),
      QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
  if (answer != QMessageBox::Yes) return;
  if (!QFile::moveToTrash(path)) {
    window_->showError(tr("Cannot delete the run"),
                       tr("%1: could not move it to the trash (no trash here, or no permission). "
                          "Nothing was deleted.")
                           .arg(path));
    return;
  }
  window_->showMessage(tr("Moved %1 to the trash").arg(path), 8000);
  refresh();
}

}  // namespace app
