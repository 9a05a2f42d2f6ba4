// The main window: assembles the panels (settings form, live plots, digit grid), the training
// actions with their shortcuts, menus and the status bar. It knows nothing of LibTorch or of the
// trainer: it emits requests and shows what it is given (the app's controller connects both ways).
#pragma once

#include <QDeadlineTimer>
#include <QMainWindow>
#include <functional>

#include "ui/training/config_form.h"
#include "ui/training/training_types.h"
#include "ui/window/run_view.h"

class QAction;
class QDockWidget;
class QProgressDialog;
class QScrollArea;

namespace ui {

class HealthBanner;
class HistoryScrubber;
class RunsPanel;
class NoticeBar;
class LatentExplorerPanel;
class PlotsPanel;
class SampleGridView;
class StatusLine;

class MainWindow : public QMainWindow, public RunView {
  Q_OBJECT

 public:
  enum class CloseChoice { SaveAndQuit, QuitWithoutSaving, Cancel };

  explicit MainWindow(FormServices services, QWidget* parent = nullptr);

  ConfigForm* form() const { return form_; }
  PlotsPanel* plots() const { return plots_; }
  SampleGridView* grid() const { return grid_; }
  HistoryScrubber* history() const { return history_; }
  LatentExplorerPanel* explorer() const { return explorer_; }
  StatusLine* statusLine() const { return statusLine_; }
  HealthBanner* healthBanner() const { return healthBanner_; }
  NoticeBar* notice() const { return notice_; }
  QDockWidget* explorerDock() const { return explorerDock_; }
  QDockWidget* runsDock() const { return runsDock_; }
  RunsPanel* runsPanel() const { return runsPanel_; }
  QMenu* fileMenu() const { return fileMenu_; }

  QAction* startAction() const { return start_; }
  QAction* pauseResumeAction() const { return pauseResume_; }
  QAction* stepAction() const { return step_; }
  QAction* stopAction() const { return stop_; }
  QAction* measureAction() const { return measure_; }
  QAction* verdictsAction() const { return verdicts_; }

  // RunView (main_window_run_view.cpp): the run the window shows.
  void resetRun() override;
  void showTrainer(const QString& device, const QString& model) override;
  void showClassNames(const QStringList& names, bool conditional) override;
  void setTrainingState(TrainingState state, const QString& message = {}) override;
  void showOpenedRun(TrainingState state, const Progress& progress, const QString& model) override;
  void setProgress(const Progress& progress) override;
  void showSkippedFiles(qint64 used, const QStringList& skipped) override;
  void appendMetrics(const QVector<MetricPoint>& points) override;
  void addLiveChange(const LiveChange& change) override;
  void appendQuality(const QualityPoint& point) override;
  void appendScores(const ScorePoint& point) override;
  void showGridVerdicts(qint64 iteration, const QVector<float>& verdicts) override;
  void addHealthNotice(const HealthNotice& notice, bool announce) override;
  void showGrid(const QImage& grid, int columns, qint64 iteration) override;
  void showOpenedGrid(const QImage& grid, int columns, const QString& caption) override;
  void showHistoryGrid(const QImage& grid, int columns, qint64 iteration) override;
  void setHistory(const QVector<qint64>& grids, const QVector<qint64>& checkpoints) override;
  void addGridToHistory(qint64 iteration) override;
  void setCheckpoints(const QVector<qint64>& checkpoints) override;
  void showSettings(const FormValues& values) override;
  void showSetting(const QString& key, const QString& value) override;
  void showNote(const QString& runFolder, const QString& note) override;

  TrainingState trainingState() const { return state_; }
  bool runActive() const;

  void showMessage(const QString& message, int timeoutMs = 0);
  // The status message in full, as last shown (the bar shows what fits).
  const QString& message() const { return message_; }
  void showError(const QString& title, const QString& message);
  // A non-modal notice above the charts; with a path, it offers "Show in Folder".
  void showNotice(const QString& text, const QString& path = {});
  // "Pausing…", "Stopping…" in the status line until the state changes.
  void setPending(const QString& what);
  // A folder of images loading for a new run: a progress dialog with Cancel (loadCancelRequested),
  // shown when loading takes more than half a second; done < 0 closes it.
  void showLoading(qint64 done, qint64 total);
  // The dialog, while it is open (tests).
  QProgressDialog* loadingDialog() const { return loading_; }

  // Where File → Resume Run and Open Checkpoint start looking.
  // Watching a run that another process trains (File → Watch Run Folder…): Start is off, the
  // training actions steer that process, and closing the window leaves it training.
  void setWatching(bool watching);
  bool watching() const { return watching_; }
  void setRunsFolder(const QString& folder) { runsFolder_ = folder; }
  QString runsFolder() const { return runsFolder_; }

  // The docks' layout and the window's geometry (saved by the app between sessions).
  void restoreLayout(const QByteArray& geometry, const QByteArray& state);
  // The default layout for the window's screen: below kNarrowWidth pixels the docks make one
  // column of tabs (Settings, Runs, Samples, Explorer) so that the charts keep their width.
  void resetLayout();
  static constexpr int kNarrowWidth = 1280;
  // The default layout for a window of `size` (resetLayout() takes the screen's).
  void layoutFor(const QSize& size);
  bool narrowLayout() const { return narrowLayout_; }
  // In the narrow layout, brings the samples' tab to the front (a run started).
  void showSamplesIfTabbed();
  // Checks the View → Theme entry for a saved theme ("system", "light", "dark").
  void setThemeChecked(const QString& key);
  // The first time the app opens: a short "getting started".
  void showGettingStartedOnce();
  void showGettingStarted();
  void showShortcuts();

  // How a close during a run is decided; a dialog by default (tests replace it).
  void setCloseDecider(std::function<CloseChoice()> decider) { closeDecider_ = std::move(decider); }

 Q_SIGNALS:
  void startRequested();
  void pauseRequested();
  void resumeRequested();
  void stepRequested();
  void stopRequested();
  void loadCancelRequested();
  void openConfigRequested(const QString& path);
  void saveConfigRequested(const QString& path);
  void resumeRunRequested(const QString& path);
  void watchRunRequested(const QString& path);
  void stopWatchingRequested();
  void openCheckpointRequested(const QString& path);
  void exportRequested();
  void measureQualityRequested();
  void newSweepRequested();  // Training → New Sweep…
  void healthActionRequested(ui::HealthAction action);
  // The window is closing during a run; the receiver stops training (saving a checkpoint first
  // when asked) before the window goes.
  void shutdownRequested(bool saveCheckpoint);
  // "Show in Folder" on a notice.
  void revealRequested(const QString& folder);
  void themeChosen(const QString& key);
  // The window is closing: its layout, for the next session.
  void layoutChanged(const QByteArray& geometry, const QByteArray& state);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  static QScrollArea* scrolled(QWidget* content);
  QDockWidget* addPanel(const QString& title, const QString& name, QWidget* content,
                        Qt::DockWidgetArea area);
  void setDefaultLayout();
  void arrangeDocks(bool narrow);
  void applyDockSizes();
  void showHelpText(const QString& title, const QString& html);
  void createActions();
  void createMenus();
  void updateActions();
  void updateIcons();
  void fitMessage();
  CloseChoice askBeforeClosing();
  void about();

  ConfigForm* form_;
  PlotsPanel* plots_;
  SampleGridView* grid_;
  HistoryScrubber* history_;
  LatentExplorerPanel* explorer_;
  StatusLine* statusLine_;
  HealthBanner* healthBanner_;
  NoticeBar* notice_;
  QDockWidget* settingsDock_ = nullptr;
  QDockWidget* samplesDock_ = nullptr;
  QDockWidget* explorerDock_ = nullptr;
  QDockWidget* runsDock_ = nullptr;
  RunsPanel* runsPanel_ = nullptr;
  bool layoutRestored_ = false;
  bool narrowLayout_ = false;  // the docks in one column of tabs (below kNarrowWidth)
  bool shownOnce_ = false;
  QString runsFolder_;
  QList<QAction*> themeActions_;
  QMenu* fileMenu_ = nullptr;
  QAction* start_ = nullptr;
  QAction* pauseResume_ = nullptr;
  QAction* step_ = nullptr;
  QAction* stop_ = nullptr;
  QAction* measure_ = nullptr;
  QAction* verdicts_ = nullptr;
  TrainingState state_ = TrainingState::Idle;
  bool starting_ = false;
  bool pauseShowsResume_ = false;
  QString message_;  // the status message in full (the bar shows what fits)
  QDeadlineTimer messageEnds_;
  bool watching_ = false;
  QProgressDialog* loading_ = nullptr;
  QAction* stopWatching_ = nullptr;
  std::function<CloseChoice()> closeDecider_;
};

}  // namespace ui
