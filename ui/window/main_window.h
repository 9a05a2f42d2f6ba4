// The main window: assembles the panels (settings form, live plots, digit grid), the training
// actions with their shortcuts, menus and the status bar. It knows nothing of LibTorch or of the
// trainer: it emits requests and shows what it is given (the app's controller connects both ways).
#pragma once

#include <QMainWindow>
#include <functional>

#include "ui/training/config_form.h"
#include "ui/training/training_types.h"

class QAction;
class QSplitter;

namespace ui {

class HealthBanner;
class LatentExplorerPanel;
class PlotsPanel;
class SampleGridView;
class StatusLine;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class CloseChoice { SaveAndQuit, QuitWithoutSaving, Cancel };

  explicit MainWindow(FormServices services, QWidget* parent = nullptr);

  ConfigForm* form() const { return form_; }
  PlotsPanel* plots() const { return plots_; }
  SampleGridView* grid() const { return grid_; }
  LatentExplorerPanel* explorer() const { return explorer_; }
  StatusLine* statusLine() const { return statusLine_; }
  HealthBanner* healthBanner() const { return healthBanner_; }
  QMenu* fileMenu() const { return fileMenu_; }

  QAction* startAction() const { return start_; }
  QAction* pauseResumeAction() const { return pauseResume_; }
  QAction* stepAction() const { return step_; }
  QAction* stopAction() const { return stop_; }
  QAction* measureAction() const { return measure_; }

  void setTrainingState(TrainingState state, const QString& message = {});
  TrainingState trainingState() const { return state_; }
  bool runActive() const;

  void showMessage(const QString& message, int timeoutMs = 0);
  void showError(const QString& title, const QString& message);

  // How a close during a run is decided; a dialog by default (tests replace it).
  void setCloseDecider(std::function<CloseChoice()> decider) { closeDecider_ = std::move(decider); }

 Q_SIGNALS:
  void startRequested();
  void pauseRequested();
  void resumeRequested();
  void stepRequested();
  void stopRequested();
  void openConfigRequested(const QString& path);
  void saveConfigRequested(const QString& path);
  void resumeRunRequested(const QString& path);
  void openCheckpointRequested(const QString& path);
  void exportRequested();
  void measureQualityRequested();
  void healthActionRequested(ui::HealthAction action);
  // The window is closing during a run; the receiver stops training (saving a checkpoint first
  // when asked) before the window goes.
  void shutdownRequested(bool saveCheckpoint);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void updateActions();
  CloseChoice askBeforeClosing();
  void about();

  ConfigForm* form_;
  PlotsPanel* plots_;
  SampleGridView* grid_;
  LatentExplorerPanel* explorer_;
  StatusLine* statusLine_;
  HealthBanner* healthBanner_;
  QMenu* fileMenu_ = nullptr;
  QAction* start_ = nullptr;
  QAction* pauseResume_ = nullptr;
  QAction* step_ = nullptr;
  QAction* stop_ = nullptr;
  QAction* measure_ = nullptr;
  TrainingState state_ = TrainingState::Idle;
  bool starting_ = false;
  std::function<CloseChoice()> closeDecider_;
};

}  // namespace ui
