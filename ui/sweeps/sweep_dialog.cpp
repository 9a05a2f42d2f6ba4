#include "ui/sweeps/sweep_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

enum Column { kKey, kKind, kValues };
const char* const kKinds[] = {"values", "log", "lin"};

}  // namespace

QStringList SweepRequest::arguments() const {
  QStringList out{QStringLiteral("sweep")};
  for (const QString& set : sets) out << QStringLiteral("--set") << set;
  out << QStringLiteral("--method") << method;
  if (method != QLatin1String("grid")) out << QStringLiteral("--trials") << QString::number(trials);
  out << QStringLiteral("--budget") << budget << QStringLiteral("--parallel")
      << QString::number(parallel) << QStringLiteral("--seed") << QString::number(seed)
      << QStringLiteral("--out") << folder;
  return out;
}

SweepDialog::SweepDialog(const QStringList& keys, const QString& folder, QWidget* parent)
    : QDialog(parent),
      keys_(keys),
      rows_(new QTableWidget(0, 3, this)),
      method_(new QComboBox(this)),
      trials_(new QSpinBox(this)),
      budget_(new QLineEdit(QStringLiteral("10m"), this)),
      parallel_(new QSpinBox(this)),
      seed_(new QSpinBox(this)),
      folder_(new QLineEdit(folder, this)),
      problem_(new QLabel(this)) {
  setWindowTitle(tr("New Sweep"));
  rows_->setHorizontalHeaderLabels({tr("Setting"), tr("Kind"), tr("Values or range")});
  rows_->horizontalHeader()->setSectionResizeMode(kValues, QHeaderView::Stretch);
  rows_->verticalHeader()->setVisible(false);
  rows_->setToolTip(
      tr("Values: 1e-4,4e-4,1.6e-3 or bce,hinge. A range: 1e-5..1e-3 (log: drawn "
         "evenly in its logarithm; linear: evenly)"));
  auto* add = new QPushButton(tr("&Add Setting"), this);
  auto* remove = new QPushButton(tr("&Remove"), this);
  auto* quick = new QPushButton(tr("&Quick Sweep"), this);
  quick->setToolTip(
      tr("The learning rates of D and G, beta1 and the loss: 8 trials by "
         "successive halving in 10 minutes"));
  auto* rowButtons = new QHBoxLayout;
  rowButtons->addWidget(add);
  rowButtons->addWidget(remove);
  rowButtons->addStretch(1);
  rowButtons->addWidget(quick);

  method_->addItem(tr("Successive halving"), QStringLiteral("halving"));
  method_->addItem(tr("Random"), QStringLiteral("random"));
  method_->addItem(tr("Grid"), QStringLiteral("grid"));
  method_->setToolTip(
      tr("Grid: every combination of the values. Random: trials drawn from the "
         "space. Successive halving: every trial gets a first budget, the better "
         "half by the quality meter goes on, and so on"));
  trials_->setRange(2, 256);
  trials_->setValue(8);
  trials_->setToolTip(tr("Trials of random and successive halving"));
  budget_->setToolTip(
      tr("The whole sweep's wall-clock time (90s, 3m, 2h) or iterations of all "
         "trials together (5000i)"));
  parallel_->setRange(1, 64);
  parallel_->setToolTip(
      tr("Trials at a time, each its own process (the cores are shared "
         "between them)"));
  seed_->setRange(0, 1 << 30);
  seed_->setToolTip(tr("The seed of the random draws"));
  auto* browse = new QPushButton(tr("&Browse…"), this);
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folder_, 1);
  folderRow->addWidget(browse);
  folder_->setToolTip(tr("A new folder: sweep.yaml and one run folder per trial go there"));
  auto* form = new QFormLayout;
  form->addRow(tr("&Method:"), method_);
  form->addRow(tr("&Trials:"), trials_);
  form->addRow(tr("B&udget:"), budget_);
  form->addRow(tr("At a tim&e:"), parallel_);
  form->addRow(tr("See&d:"), seed_);
  auto* folderLabel = new QLabel(tr("&Folder:"), this);
  folderLabel->setBuddy(folder_);  // a row of two widgets: the label needs its buddy named
  form->addRow(folderLabel, folderRow);
  problem_->setWordWrap(true);
  problem_->setStyleSheet(QStringLiteral("color: palette(highlight);"));
  problem_->setVisible(false);
  auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  box->button(QDialogButtonBox::Ok)->setText(tr("Start &Sweep"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("Settings to sweep:"), this));
  layout->addWidget(rows_, 1);
  layout->addLayout(rowButtons);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(box);

  connect(add, &QPushButton::clicked, this, [this] { addSetting(); });
  connect(remove, &QPushButton::clicked, this, [this] {
    if (rows_->currentRow() >= 0) rows_->removeRow(rows_->currentRow());
  });
  connect(quick, &QPushButton::clicked, this, &SweepDialog::applyQuickSweep);
  connect(method_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          &SweepDialog::methodChanged);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("The sweep's new folder"), folder_->text());
    if (!chosen.isEmpty()) folder_->setText(chosen);
  });
  connect(box, &QDialogButtonBox::accepted, this, &SweepDialog::accept);
  connect(box, &QDialogButtonBox::rejected, this, &SweepDialog::reject);
  resize(620, 480);
  methodChanged();
}

void SweepDialog::setQuickSweep(const QStringList& assignments, int trials, const QString& budget) {
  quickSpace_ = assignments;
  quickTrials_ = trials;
  quickBudget_ = budget;
}

void SweepDialog::applyQuickSweep() {
  rows_->setRowCount(0);
  for (const QString& assignment : quickSpace_) {
    const QString key = assignment.section(QLatin1Char('='), 0, 0);
    QString rest = assignment.section(QLatin1Char('='), 1);
    QString kind = QStringLiteral("values");
    for (const char* prefix : {"log", "lin"}) {
      if (rest.startsWith(QLatin1String(prefix) + QLatin1Char(':'))) {
        kind = QLatin1String(prefix);
        rest = rest.mid(4);
      }
    }
    addSetting(key, kind, rest);
  }
  setMethod(QStringLiteral("halving"));
  trials_->setValue(quickTrials_);
  budget_->setText(quickBudget_);
}

void SweepDialog::setValidator(std::function<QString(const SweepRequest&)> validator) {
  validator_ = std::move(validator);
}

void SweepDialog::addSetting(const QString& key, const QString& kind, const QString& values) {
  const int row = rows_->rowCount();
  rows_->insertRow(row);
  auto* keys = new QComboBox(rows_);
  keys->setEditable(true);
  keys->addItems(keys_);
  keys->setCurrentText(key.isEmpty() ? QStringLiteral("training.learning_rate_d") : key);
  auto* kinds = new QComboBox(rows_);
  kinds->addItem(tr("values"), QString::fromLatin1(kKinds[0]));
  kinds->addItem(tr("log range"), QString::fromLatin1(kKinds[1]));
  kinds->addItem(tr("linear range"), QString::fromLatin1(kKinds[2]));
  const int kindIndex = kinds->findData(kind.isEmpty() ? QStringLiteral("values") : kind);
  kinds->setCurrentIndex(std::max(0, kindIndex));
  rows_->setCellWidget(row, kKey, keys);
  rows_->setCellWidget(row, kKind, kinds);
  rows_->setItem(row, kValues, new QTableWidgetItem(values));
  rows_->resizeColumnToContents(kKey);
  rows_->setColumnWidth(kKey, std::max(rows_->columnWidth(kKey), 240));
}

void SweepDialog::setMethod(const QString& method) {
  method_->setCurrentIndex(std::max(0, method_->findData(method)));
}
void SweepDialog::setBudget(const QString& budget) { budget_->setText(budget); }
void SweepDialog::setParallel(int trials) { parallel_->setValue(trials); }
void SweepDialog::setFolder(const QString& folder) { folder_->setText(folder); }

void SweepDialog::methodChanged() {
  trials_->setEnabled(method_->currentData().toString() != QLatin1String("grid"));
}

SweepRequest SweepDialog::request() const {
  SweepRequest out;
  for (int row = 0; row < rows_->rowCount(); ++row) {
    const auto* keys = qobject_cast<QComboBox*>(rows_->cellWidget(row, kKey));
    const auto* kinds = qobject_cast<QComboBox*>(rows_->cellWidget(row, kKind));
    const QTableWidgetItem* values = rows_->item(row, kValues);
    const QString key = keys ? keys->currentText().trimmed() : QString();
    const QString text = values ? values->text().simplified().remove(QLatin1Char(' ')) : QString();
    if (key.isEmpty() && text.isEmpty()) continue;
    const QString kind = kinds ? kinds->currentData().toString() : QStringLiteral("values");
    out.sets << key + QLatin1Char('=') +
                    (kind == QLatin1String("values") ? text : kind + QLatin1Char(':') + text);
  }
  out.method = method_->currentData().toString();
  out.trials = trials_->value();
  out.budget = budget_->text().trimmed();
  out.parallel = parallel_->value();
  out.seed = seed_->value();
  out.folder = folder_->text().trimmed();
  return out;
}

QString SweepDialog::problem() const { return problem_->text(); }

void SweepDialog::accept() {
  const SweepRequest wanted = request();
  QString why;
  if (wanted.sets.isEmpty()) why = tr("Add a setting to sweep.");
  if (why.isEmpty() && validator_) why = validator_(wanted);
  problem_->setText(why);
  problem_->setVisible(!why.isEmpty());
  if (why.isEmpty()) QDialog::accept();
}

}  // namespace ui
