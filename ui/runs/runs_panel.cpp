#include "ui/runs/runs_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>
#include <functional>

#include "model/core/limits.h"
#include "ui/sweeps/sweep_view.h"

namespace ui {

namespace {

enum Column {
  kName,
  kStarted,
  kPreset,
  kData,
  kIterations,
  kState,
  kQuality,
  kKept,
  kSize,
  kCount
};
constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kSweepRole = Qt::UserRole + 2;  // a sweep's group item: the sweep's folder

// The sweep an item belongs to (its group item's or its own), or "".
QString sweepOf(const QTreeWidgetItem* item) {
  for (; item; item = item->parent()) {
    QString path = item->data(kName, kSweepRole).toString();
    if (!path.isEmpty()) return path;
  }
  return {};
}

}  // namespace

QString humanBytes(qint64 bytes) {
  return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

RunsPanel::RunsPanel(QWidget* parent)
    : QWidget(parent),
      tree_(new QTreeWidget(this)),
      differences_(new QTableWidget(this)),
      sweepView_(new SweepView(this)),
      compareNote_(new QLabel(this)),
      align_(new QComboBox(this)),
      filter_(new QLineEdit(this)),
      note_(new QPlainTextEdit(this)),
      noteTitle_(new QLabel(this)),
      noteStatus_(new QLabel(this)),
      noteTimer_(new QTimer(this)) {
  tree_->setColumnCount(kCount);
  tree_->setHeaderLabels({tr("Run"), tr("Started"), tr("Preset"), tr("Data"), tr("Iterations"),
                          tr("State"), tr("Quality"), tr("Checkpoints"), tr("Size")});
  tree_->setRootIsDecorated(true);
  tree_->setUniformRowHeights(true);  // hundreds of runs stay fast
  tree_->setSortingEnabled(true);
  tree_->sortByColumn(kStarted, Qt::DescendingOrder);
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tree_->setToolTip(tr("Tick 2 to 8 runs to compare them; double-click to open one"));
  auto button = [this](const QString& text, const QString& tip) {
    auto* b = new QPushButton(text, this);
    b->setToolTip(tip);
    return b;
  };
  auto* open = button(tr("&Open"), tr("Show the run's curves, grids and explorer"));
  auto* rename = button(tr("Re&name…"), tr("Give the run a display name (kept in its folder)"));
  auto* reveal = button(tr("Show in &Folder"), tr("Open the run folder in the file manager"));
  auto* remove = button(tr("&Delete…"), tr("Move the run folder to the trash (asks first)"));
  auto* add = button(tr("&Add Folder…"), tr("List the runs of another folder too"));
  auto* sweep = button(tr("New S&weep…"),
                       tr("Train a set of trials over a space of settings, ranked by the quality "
                          "meter (Ctrl+Shift+N)"));
  auto* exportTable =
      button(tr("E&xport Table…"),
             tr("Save the runs listed as CSV, for a spreadsheet: state, iterations, quality, size, "
                "parent and every setting of each run"));
  openButton_ = open;
  renameButton_ = rename;
  revealButton_ = reveal;
  deleteButton_ = remove;
  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {open, rename, reveal, remove}) buttons->addWidget(b);
  buttons->addStretch(1);
  // A second row, so that a narrow dock (a laptop's) keeps every button in view.
  auto* more = new QHBoxLayout;
  more->addStretch(1);
  more->addWidget(exportTable);
  more->addWidget(sweep);
  more->addWidget(add);
  differences_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  differences_->verticalHeader()->setVisible(false);
  differences_->setVisible(false);
  compareNote_->setWordWrap(true);
  compareNote_->setForegroundRole(QPalette::PlaceholderText);
  compareNote_->setText(tr("Tick 2 to 8 runs to compare their curves and settings."));
  align_->addItem(tr("Align by iteration"));
  align_->addItem(tr("Align by training time"));
  align_->setToolTip(
      tr("Line the compared curves up by iteration, or by the training time each run took to "
         "get there (runs on different machines or with different speeds)"));
  align_->setVisible(false);
  connect(align_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this](int index) { Q_EMIT alignByTimeChanged(index == 1); });
  auto* compareRow = new QHBoxLayout;
  compareRow->addWidget(compareNote_, 1);
  compareRow->addWidget(align_);
  filter_->setPlaceholderText(tr("Filter runs by name, preset, data, state or note…"));
  filter_->setClearButtonEnabled(true);
  filter_->setToolTip(
      tr("Shows the runs whose name, preset, data, state or note hold every word typed (any "
         "case)"));
  connect(filter_, &QLineEdit::textChanged, this, &RunsPanel::applyFilter);
  noteTitle_->setText(tr("Note"));
  note_->setPlaceholderText(tr("Notes on this run (Markdown): what you tried, what you saw…"));
  note_->setToolTip(tr("Saved in the run folder (notes.md) as you type"));
  note_->setTabChangesFocus(true);
  note_->setEnabled(false);
  noteStatus_->setForegroundRole(QPalette::PlaceholderText);
  noteTimer_->setSingleShot(true);
  noteTimer_->setInterval(800);  // a pause in typing saves
  connect(noteTimer_, &QTimer::timeout, this, &RunsPanel::flushNote);
  connect(note_, &QPlainTextEdit::textChanged, this, [this] {
    if (loadingNote_ || noteRun_.isEmpty()) return;
    noteDirty_ = true;
    noteStatus_->setText(tr("Editing…"));
    noteTimer_->start();
  });
  auto* noteBox = new QVBoxLayout;
  noteBox->addWidget(noteTitle_);
  noteBox->addWidget(note_, 1);
  noteBox->addWidget(noteStatus_);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(differences_, 3);
  bottom->addLayout(noteBox, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(filter_);
  layout->addWidget(tree_, 3);
  layout->addWidget(sweepView_, 4);
  layout->addLayout(buttons);
  layout->addLayout(more);
  layout->addLayout(compareRow);
  layout->addLayout(bottom, 1);

  connect(open, &QPushButton::clicked, this, [this] {
    if (!selectedRun().isEmpty()) Q_EMIT openRequested(selectedRun());
  });
  connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    const QString path = item->data(kName, kPathRole).toString();
    if (!path.isEmpty()) Q_EMIT openRequested(path);
  });
  connect(rename, &QPushButton::clicked, this, [this] {
    QTreeWidgetItem* item = tree_->currentItem();
    if (!item) return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename the run"), tr("Display name:"),
                                               QLineEdit::Normal, item->text(kName), &ok);
    if (ok) Q_EMIT renameRequested(item->data(kName, kPathRole).toString(), name.trimmed());
  });
  connect(reveal, &QPushButton::clicked, this, [this] {
    if (!selectedRun().isEmpty()) Q_EMIT revealRequested(selectedRun());
  });
  connect(remove, &QPushButton::clicked, this, [this] {
    if (!selectedRun().isEmpty()) Q_EMIT deleteRequested(selectedRun());
  });
  connect(add, &QPushButton::clicked, this, &RunsPanel::addFolderRequested);
  connect(sweep, &QPushButton::clicked, this, &RunsPanel::newSweepRequested);
  connect(exportTable, &QPushButton::clicked, this, &RunsPanel::exportTableRequested);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    updateButtons();
    showSweepOf(item);
    if (!filling_) showNoteOf(item ? item->data(kName, kPathRole).toString() : QString());
  });
  sweepView_->setVisible(false);
  connect(sweepView_, &SweepView::openRequested, this, &RunsPanel::openRequested);
  connect(sweepView_, &SweepView::branchFromBestRequested, this,
          &RunsPanel::branchFromBestRequested);
  connect(sweepView_, &SweepView::trialSelected, this, [this](const QString& path) {
    if (!path.isEmpty() && selectedRun() != path) selectRun(path);
  });
  connect(sweepView_, &SweepView::compareChanged, this, [this](const QStringList& inSweep) {
    // The sweep's ticks replace its trials' ticks; runs outside it stay as they are.
    QStringList paths;
    for (const QString& path : comparedRuns()) {
      bool trial = false;
      for (const SweepTrial& t : sweepView_->sweep().trials) trial = trial || t.path == path;
      if (!trial) paths << path;
    }
    setCompared(paths + inSweep);
  });
  connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
    if (filling_ || column != kName) return;
    QStringList ticked = comparedRuns();
    sweepView_->setCompared(ticked);
    if (ticked.size() > kMaxCompared) {
      compareNote_->setText(tr("At most %1 runs can be compared at once.").arg(kMaxCompared));
    }
    Q_EMIT compareChanged(ticked.mid(0, kMaxCompared));
  });
  updateButtons();
}

namespace {

QTreeWidgetItem* runItem(const RunRow& run, bool ticked, const QLocale& locale) {
  auto* item = new QTreeWidgetItem;
  item->setText(kName, run.name);
  item->setData(kName, kPathRole, run.path);
  item->setToolTip(kName,
                   run.problem.isEmpty() ? run.path : run.path + QLatin1Char('\n') + run.problem);
  item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
  item->setCheckState(kName, ticked ? Qt::Checked : Qt::Unchecked);
  item->setText(kStarted, run.started);
  item->setText(kPreset, run.preset);
  item->setText(kData, run.data);
  item->setToolTip(kData, run.classNames.isEmpty()
                              ? run.data
                              : RunsPanel::tr("%1\n%2 classes: %3")
                                    .arg(run.data)
                                    .arg(run.classNames.size())
                                    .arg(run.classNames.join(QStringLiteral(", "))));
  if (run.planned >= gs::kMostIterations) {  // open-ended: a sweep's time-limited trial
    item->setText(kIterations, locale.toString(run.done));
    item->setToolTip(kIterations,
                     RunsPanel::tr("No set number of iterations: it trains for a time"));
  } else {
    item->setText(kIterations, RunsPanel::tr("%1 / %2").arg(locale.toString(run.done),
                                                            locale.toString(run.planned)));
  }
  item->setText(kState, run.state);
  item->setText(kQuality, run.quality);
  item->setText(kKept, run.checkpoints);
  item->setText(kSize, humanBytes(run.bytes));
  item->setData(kSize, Qt::UserRole, run.bytes);
  if (!run.parent.isEmpty())
    item->setToolTip(
        kStarted,
        RunsPanel::tr("branch of %1 at iteration %2").arg(run.parent).arg(run.parentIteration));
  return item;
}

QTreeWidgetItem* sweepItem(const SweepData& sweep, const QLocale& locale) {
  auto* item = new QTreeWidgetItem;
  QFont bold = item->font(kName);
  bold.setBold(true);
  item->setFont(kName, bold);
  item->setText(kName, RunsPanel::tr("Sweep %1").arg(sweep.name));
  item->setData(kName, kSweepRole, sweep.path);
  item->setToolTip(
      kName, sweep.problem.isEmpty() ? sweep.path : sweep.path + QLatin1Char('\n') + sweep.problem);
  QString started;
  qint64 bytes = 0;
  for (const RunRow& run : sweep.runs) {
    if (started.isEmpty() || run.started < started) started = run.started;
    bytes += run.bytes;
  }
  item->setText(kStarted, started);
  item->setText(kPreset, sweep.method);
  item->setText(kData, RunsPanel::tr("budget %1").arg(sweep.budget));
  qint64 iterations = 0;
  int scored = 0;
  double best = NAN;
  for (const SweepTrial& trial : sweep.trials) {
    iterations += trial.iterations;
    if (trial.rank > 0) ++scored;
    if (trial.rank == 1) best = trial.fd;
  }
  item->setText(kIterations, locale.toString(iterations));
  item->setText(kState,
                RunsPanel::tr("%1 of %2 trials scored").arg(scored).arg(sweep.trials.size()));
  if (std::isfinite(best))
    item->setText(kQuality, RunsPanel::tr("best FD %1").arg(best, 0, 'f', 2));
  item->setText(kSize, humanBytes(bytes));
  item->setData(kSize, Qt::UserRole, bytes);
  return item;
}

}  // namespace

void RunsPanel::setRuns(const QVector<RunRow>& runs, const QVector<SweepData>& sweeps) {
  const QStringList ticked = comparedRuns();
  const QString selected = selectedRun();
  const QString selectedSweep = currentSweep();
  // A refresh (every few seconds) leaves the list where the person scrolled it.
  const int scrolledDown = tree_->verticalScrollBar()->value();
  const int scrolledRight = tree_->horizontalScrollBar()->value();
  sweeps_ = sweeps;
  filling_ = true;
  tree_->setSortingEnabled(false);
  tree_->clear();
  QHash<QString, QTreeWidgetItem*> items;
  const QLocale locale;
  searchText_.clear();
  auto remember = [this](const RunRow& run) {
    // A note being edited here is newer than the folder's.
    if (!(noteDirty_ && run.path == noteRun_)) notes_.insert(run.path, run.note);
    searchText_.insert(
        run.path,
        QStringList{run.name, run.preset, run.data, run.state}.join(QLatin1Char('\n')).toLower());
  };
  for (const RunRow& run : runs) {
    items.insert(run.path, runItem(run, ticked.contains(run.path), locale));
    remember(run);
  }
  for (const SweepData& sweep : sweeps) {
    for (const RunRow& run : sweep.runs) remember(run);
  }
  for (const RunRow& run : runs) {
    QTreeWidgetItem* item = items.value(run.path);
    QTreeWidgetItem* parent = items.value(run.parent, nullptr);
    if (parent) {
      parent->addChild(item);
    } else {
      tree_->addTopLevelItem(item);
    }
  }
  for (const SweepData& sweep : sweeps) {
    QTreeWidgetItem* group = sweepItem(sweep, locale);
    for (const RunRow& run : sweep.runs)
      group->addChild(runItem(run, ticked.contains(run.path), locale));
    tree_->addTopLevelItem(group);
  }
  tree_->expandAll();
  tree_->setSortingEnabled(true);
  filling_ = false;
  if (!selected.isEmpty()) {
    selectRun(selected);
  } else if (!selectedSweep.isEmpty()) {
    selectSweep(selectedSweep);
  }
  showSweepOf(tree_->currentItem(), /*fresh=*/true);
  applyFilter();
  showNoteOf(selectedRun());
  updateButtons();
  tree_->verticalScrollBar()->setValue(scrolledDown);
  tree_->horizontalScrollBar()->setValue(scrolledRight);
}

void RunsPanel::setFilter(const QString& text) { filter_->setText(text); }

QString RunsPanel::filter() const { return filter_->text(); }

bool RunsPanel::isRunShown(const QString& path) const {
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if ((*it)->data(kName, kPathRole).toString() == path) return !(*it)->isHidden();
  }
  return false;
}

void RunsPanel::applyFilter() {
  const QStringList words = filter_->text().toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  // Bottom up: an item shows when it matches or any child shows (a branch keeps its parents, a
  // trial its sweep).
  std::function<bool(QTreeWidgetItem*)> filterItem = [&](QTreeWidgetItem* item) {
    bool childShown = false;
    for (int i = 0; i < item->childCount(); ++i) childShown |= filterItem(item->child(i));
    const QString path = item->data(kName, kPathRole).toString();
    const QString text =
        path.isEmpty() ? item->text(kName).toLower()
                       : searchText_.value(path) + QLatin1Char('\n') + notes_.value(path).toLower();
    bool match = true;
    for (const QString& word : words) match = match && text.contains(word);
    const bool shown = match || childShown;
    item->setHidden(!shown);
    return shown;
  };
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) filterItem(tree_->topLevelItem(i));
}

void RunsPanel::showNoteOf(const QString& path) {
  if (path == noteRun_) {
    // The same run: follow its note unless it is being edited here.
    if (!noteDirty_ && !path.isEmpty() && note_->toPlainText() != notes_.value(path)) {
      loadingNote_ = true;
      note_->setPlainText(notes_.value(path));
      loadingNote_ = false;
    }
    return;
  }
  flushNote();  // the previous run's edit is saved before the pane moves on
  noteRun_ = path;
  loadingNote_ = true;
  note_->setPlainText(notes_.value(path));
  loadingNote_ = false;
  note_->setEnabled(!path.isEmpty());
  QString name;
  for (QTreeWidgetItemIterator it(tree_); *it && !path.isEmpty(); ++it) {
    if ((*it)->data(kName, kPathRole).toString() == path) name = (*it)->text(kName);
  }
  noteTitle_->setText(name.isEmpty() ? tr("Note") : tr("Note on %1").arg(name));
  noteStatus_->clear();
}

void RunsPanel::flushNote() {
  noteTimer_->stop();
  if (!noteDirty_ || noteRun_.isEmpty()) return;
  noteDirty_ = false;
  const QString text = note_->toPlainText();
  notes_.insert(noteRun_, text);
  noteStatus_->setText(tr("Saving…"));
  applyFilter();
  Q_EMIT noteEdited(noteRun_, text);
}

void RunsPanel::showNoteSaved(const QString& path, bool ok, const QString& message) {
  if (path != noteRun_) return;
  QPalette palette = noteStatus_->palette();
  noteStatus_->setForegroundRole(ok ? QPalette::PlaceholderText : QPalette::WindowText);
  if (!ok) palette.setColor(QPalette::WindowText, QColor(0xc0, 0x20, 0x20));
  noteStatus_->setPalette(palette);
  noteStatus_->setText(ok ? tr("Saved") : message);
  noteStatus_->setToolTip(ok ? QString() : message);
}

void RunsPanel::setNote(const QString& path, const QString& note) {
  if (noteDirty_ && path == noteRun_) return;
  notes_.insert(path, note);
  if (path == noteRun_) showNoteOf(path);
  applyFilter();
}

void RunsPanel::showSweepOf(QTreeWidgetItem* item, bool fresh) {
  const QString path = sweepOf(item);
  const SweepData* sweep = nullptr;
  for (const SweepData& s : sweeps_) {
    if (s.path == path) sweep = &s;
  }
  sweepView_->setVisible(sweep != nullptr);
  if (!sweep) return;
  // Another trial of the sweep on show: only the selection moves (the view's own click may be
  // what moved the tree's).
  if (fresh || sweepView_->sweep().path != path) sweepView_->setSweep(*sweep);
  sweepView_->setCompared(comparedRuns());
  const QString run = item ? item->data(kName, kPathRole).toString() : QString();
  if (!run.isEmpty()) sweepView_->selectTrial(run);
}

void RunsPanel::selectSweep(const QString& path) {
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if ((*it)->data(kName, kSweepRole).toString() == path) {
      tree_->setCurrentItem(*it);
      return;
    }
  }
}

QString RunsPanel::currentSweep() const {
  return sweepView_->isVisibleTo(this) ? sweepView_->sweep().path : QString();
}

int RunsPanel::runCount() const {
  int count = 0;
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if (!(*it)->data(kName, kPathRole).toString().isEmpty()) ++count;
  }
  return count;
}

QStringList RunsPanel::comparedRuns() const {
  QStringList paths;
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    const QString path = (*it)->data(kName, kPathRole).toString();
    if ((*it)->checkState(kName) == Qt::Checked && !path.isEmpty()) paths << path;
  }
  return paths;
}

void RunsPanel::setCompared(const QStringList& paths) {
  filling_ = true;
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    const bool on = paths.contains((*it)->data(kName, kPathRole).toString());
    (*it)->setCheckState(kName, on ? Qt::Checked : Qt::Unchecked);
  }
  filling_ = false;
  sweepView_->setCompared(comparedRuns());
  Q_EMIT compareChanged(comparedRuns().mid(0, kMaxCompared));
}

QString RunsPanel::selectedRun() const {
  QTreeWidgetItem* item = tree_->currentItem();
  return item ? item->data(kName, kPathRole).toString() : QString();
}

void RunsPanel::selectRun(const QString& path) {
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if ((*it)->data(kName, kPathRole).toString() == path) {
      tree_->setCurrentItem(*it);
      return;
    }
  }
}

void RunsPanel::setDifferences(const QStringList& runNames,
                               const QVector<QPair<QString, QStringList>>& rows) {
  differences_->setVisible(runNames.size() >= 2);
  align_->setVisible(runNames.size() >= 2);
  compareNote_->setText(runNames.size() >= 2
                            ? (rows.isEmpty() ? tr("The compared runs have the same settings.")
                                              : tr("Settings that differ:"))
                            : tr("Tick 2 to 8 runs to compare their curves and settings."));
  differences_->clear();
  differences_->setColumnCount(static_cast<int>(runNames.size()) + 1);
  differences_->setHorizontalHeaderLabels(QStringList{tr("Setting")} + runNames);
  differences_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    differences_->setItem(r, 0, new QTableWidgetItem(rows[r].first));
    for (int c = 0; c < rows[r].second.size(); ++c)
      differences_->setItem(r, c + 1, new QTableWidgetItem(rows[r].second[c]));
  }
  differences_->resizeColumnsToContents();
}

bool RunsPanel::alignByTime() const { return align_->currentIndex() == 1; }

void RunsPanel::setAlignByTime(bool byTime) { align_->setCurrentIndex(byTime ? 1 : 0); }

void RunsPanel::updateButtons() {
  const bool run = !selectedRun().isEmpty();
  for (QWidget* b : {openButton_, renameButton_, revealButton_, deleteButton_}) b->setEnabled(run);
}

}  // namespace ui
