#include "ui/sweeps/sweep_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "ui/sweeps/parallel_coordinates.h"

namespace ui {

namespace {

constexpr int kTrialRole = Qt::UserRole + 1;  // the trial's index in the sweep (column 0)
constexpr int kPathRole = Qt::UserRole + 2;   // its run folder (column 0)
constexpr int kSortRole = Qt::UserRole + 3;   // numbers sort as numbers

// A cell that sorts by kSortRole when it has one (numbers), else by its text.
class SortItem : public QTableWidgetItem {
 public:
  explicit SortItem(const QString& text) : QTableWidgetItem(text) {}
  SortItem(const QString& text, double number) : QTableWidgetItem(text) {
    setData(kSortRole, number);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  bool operator<(const QTableWidgetItem& other) const override {
    const QVariant a = data(kSortRole);
    const QVariant b = other.data(kSortRole);
    if (a.isValid() && b.isValid()) {
      const double x = a.toDouble();
      const double y = b.toDouble();
      if (std::isnan(x) != std::isnan(y)) return std::isnan(y);  // no number: last
      return x < y;
    }
    return QTableWidgetItem::operator<(other);
  }
};

QString minutesText(double seconds) {
  return seconds >= 60 ? QObject::tr("%1 min").arg(seconds / 60, 0, 'f', 1)
                       : QObject::tr("%1 s").arg(seconds, 0, 'f', 0);
}

}  // namespace

SweepView::SweepView(QWidget* parent)
    : QWidget(parent),
      header_(new QLabel(this)),
      chart_(new ParallelCoordinates(this)),
      table_(new QTableWidget(this)),
      open_(new QPushButton(tr("Open &Trial"), this)),
      branch_(new QPushButton(tr("&Branch from Best"), this)) {
  header_->setWordWrap(true);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->setVisible(false);
  table_->setSortingEnabled(true);
  table_->setToolTip(
      tr("Click a heading to sort; tick trials to compare their curves; "
         "double-click a trial to open it"));
  open_->setToolTip(tr("Show the selected trial's curves, grids and explorer"));
  branch_->setToolTip(
      tr("Fill the settings form from the best trial's newest checkpoint: the "
         "next Start trains a branch of it"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(open_);
  buttons->addWidget(branch_);
  buttons->addStretch(1);
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(chart_);
  splitter->addWidget(table_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  splitter->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(header_);
  layout->addWidget(splitter, 1);
  layout->addLayout(buttons);

  connect(chart_, &ParallelCoordinates::brushesChanged, this, &SweepView::applyBrushes);
  connect(chart_, &ParallelCoordinates::trialClicked, this, [this](int trial) {
    const int row = rowOfTrial(trial);
    if (row >= 0) table_->selectRow(row);
  });
  connect(chart_, &ParallelCoordinates::trialActivated, this, [this](int trial) {
    const QString path = sweep_.trials.value(trial).path;
    if (!path.isEmpty()) Q_EMIT openRequested(path);
  });
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    if (filling_) return;
    const QList<QTableWidgetItem*> items = table_->selectedItems();
    const int row = items.isEmpty() ? -1 : items.front()->row();
    const int trial = row >= 0 ? table_->item(row, 0)->data(kTrialRole).toInt() : -1;
    chart_->setSelectedTrial(trial);
    open_->setEnabled(!selectedTrial().isEmpty());
    if (!selectedTrial().isEmpty()) Q_EMIT trialSelected(selectedTrial());
  });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    const QString path = table_->item(row, 0)->data(kPathRole).toString();
    if (!path.isEmpty()) Q_EMIT openRequested(path);
  });
  connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (filling_ || item->column() != 0) return;
    Q_EMIT compareChanged(comparedRuns());
  });
  connect(open_, &QPushButton::clicked, this, [this] {
    if (!selectedTrial().isEmpty()) Q_EMIT openRequested(selectedTrial());
  });
  connect(branch_, &QPushButton::clicked, this, [this] {
    if (!sweep_.best.isEmpty()) Q_EMIT branchFromBestRequested(sweep_.best);
  });
  open_->setEnabled(false);
  branch_->setEnabled(false);
}

void SweepView::setSweep(const SweepData& sweep) {
  const QString selected = selectedTrial();
  const QStringList ticked = comparedRuns();
  sweep_ = sweep;
  int finished = 0;
  int running = 0;
  for (const SweepTrial& trial : sweep_.trials) {
    if (trial.state == QLatin1String("running")) ++running;
    if (trial.rank > 0) ++finished;
  }
  QString text = tr("<b>%1</b> · %2 · budget %3 · %4 trials, %5 scored, %6 training")
                     .arg(sweep_.name.toHtmlEscaped(), sweep_.method, sweep_.budget)
                     .arg(sweep_.trials.size())
                     .arg(finished)
                     .arg(running);
  if (!sweep_.problem.isEmpty()) text += QLatin1String("<br>") + sweep_.problem.toHtmlEscaped();
  header_->setText(text);
  branch_->setEnabled(!sweep_.best.isEmpty());
  chart_->setSweep(sweep_);
  fillTable();
  setCompared(ticked);
  selectTrial(selected);
  applyBrushes();
  open_->setEnabled(!selectedTrial().isEmpty());
}

void SweepView::fillTable() {
  filling_ = true;
  table_->setSortingEnabled(false);
  table_->clear();
  QStringList headers{tr("Trial"), tr("Rank")};
  for (const SweepAxis& axis : sweep_.axes) headers << shortKey(axis.key);
  headers << tr("Distance") << tr("Classes") << tr("Iterations") << tr("Time") << tr("State");
  table_->setColumnCount(static_cast<int>(headers.size()));
  table_->setHorizontalHeaderLabels(headers);
  for (int a = 0; a < sweep_.axes.size(); ++a)
    table_->horizontalHeaderItem(a + 2)->setToolTip(sweep_.axes[a].key);
  table_->setRowCount(static_cast<int>(sweep_.trials.size()));
  const QLocale locale;
  for (int t = 0; t < sweep_.trials.size(); ++t) {
    const SweepTrial& trial = sweep_.trials[t];
    auto* name = new SortItem(trial.name);
    name->setData(kTrialRole, t);
    name->setData(kPathRole, trial.path);
    if (!trial.path.isEmpty()) {
      name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
      name->setCheckState(Qt::Unchecked);
    }
    name->setToolTip(trial.path.isEmpty() ? tr("not started yet") : trial.path);
    int column = 0;
    table_->setItem(t, column++, name);
    table_->setItem(t, column++,
                    trial.rank > 0 ? new SortItem(QString::number(trial.rank), trial.rank)
                                   : new SortItem(QString(), NAN));
    for (int a = 0; a < sweep_.axes.size(); ++a) {
      const QString value = trial.values.value(a);
      const double number =
          sweep_.axes[a].categories.isEmpty() ? axisValue(sweep_.axes[a], value) : NAN;
      table_->setItem(t, column++,
                      std::isnan(number) ? new SortItem(value) : new SortItem(value, number));
    }
    table_->setItem(t, column++,
                    std::isfinite(trial.fd)
                        ? new SortItem(QString::number(trial.fd, 'f', 2), trial.fd)
                        : new SortItem(QString(), NAN));
    table_->setItem(t, column++, new SortItem(trial.classes));
    table_->setItem(
        t, column++,
        new SortItem(locale.toString(trial.iterations), static_cast<double>(trial.iterations)));
    table_->setItem(t, column++, new SortItem(minutesText(trial.seconds), trial.seconds));
    table_->setItem(t, column++, new SortItem(trial.state));
  }
  table_->setSortingEnabled(true);
  table_->sortByColumn(1, Qt::AscendingOrder);  // best first
  table_->resizeColumnsToContents();
  filling_ = false;
}

int SweepView::rowOfTrial(int trial) const {
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->item(row, 0)->data(kTrialRole).toInt() == trial) return row;
  }
  return -1;
}

void SweepView::applyBrushes() {
  const QVector<int> visible = chart_->visibleTrials();
  for (int row = 0; row < table_->rowCount(); ++row) {
    const int trial = table_->item(row, 0)->data(kTrialRole).toInt();
    table_->setRowHidden(row, !visible.contains(trial));
  }
}

QStringList SweepView::visibleTrials() const {
  QStringList paths;
  for (const int trial : chart_->visibleTrials()) paths << sweep_.trials[trial].path;
  return paths;
}

void SweepView::setCompared(const QStringList& paths) {
  filling_ = true;
  for (int row = 0; row < table_->rowCount(); ++row) {
    QTableWidgetItem* item = table_->item(row, 0);
    if (!(item->flags() & Qt::ItemIsUserCheckable)) continue;
    item->setCheckState(paths.contains(item->data(kPathRole).toString()) ? Qt::Checked
                                                                         : Qt::Unchecked);
  }
  filling_ = false;
}

QStringList SweepView::comparedRuns() const {
  QStringList paths;
  for (int row = 0; row < table_->rowCount(); ++row) {
    QTableWidgetItem* item = table_->item(row, 0);
    if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState() == Qt::Checked)
      paths << item->data(kPathRole).toString();
  }
  return paths;
}

void SweepView::selectTrial(const QString& path) {
  if (path.isEmpty()) return;
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->item(row, 0)->data(kPathRole).toString() == path) {
      table_->selectRow(row);
      chart_->setSelectedTrial(table_->item(row, 0)->data(kTrialRole).toInt());
      open_->setEnabled(true);
      return;
    }
  }
}

QString SweepView::selectedTrial() const {
  const QList<QTableWidgetItem*> items = table_->selectedItems();
  if (items.isEmpty()) return {};
  return table_->item(items.front()->row(), 0)->data(kPathRole).toString();
}

}  // namespace ui
