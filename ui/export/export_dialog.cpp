#include "ui/export/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include "ui/theme/theme.h"

namespace ui {

namespace {

QWidget* formPage(QWidget* parent, QFormLayout** layout) {
  auto* page = new QWidget(parent);
  *layout = new QFormLayout(page);
  (*layout)->setContentsMargins(0, 0, 0, 0);
  return page;
}

}  // namespace

ExportDialog::ExportDialog(const QString& folder, QWidget* parent)
    : QDialog(parent),
      folder_(folder),
      kind_(new QComboBox(this)),
      path_(new QLineEdit(this)),
      scale_(new QSpinBox(this)),
      gaps_(new QCheckBox(tr("Gaps between cells"), this)),
      frameStep_(new QSpinBox(this)),
      delay_(new QSpinBox(this)),
      count_(new QSpinBox(this)),
      seed_(new QSpinBox(this)),
      note_(new QLabel(this)) {
  setWindowTitle(tr("Export"));
  kind_->addItem(tr("Digit grid (PNG)"), ExportRequest::GridPng);
  kind_->addItem(tr("Explorer digit (PNG)"), ExportRequest::DigitPng);
  kind_->addItem(tr("Interpolation strip (PNG)"), ExportRequest::StripPng);
  kind_->addItem(tr("Training as an animated GIF"), ExportRequest::TrainingGif);
  kind_->addItem(tr("Samples (IDX, for other tools)"), ExportRequest::SamplesIdx);
  kind_->addItem(tr("Samples (a folder of PNG files)"), ExportRequest::SamplesPngFolder);
  kind_->addItem(tr("Metrics (CSV)"), ExportRequest::MetricsCsv);
  kind_->addItem(tr("Configuration (YAML)"), ExportRequest::ConfigYaml);

  scale_->setRange(1, 10);
  scale_->setValue(4);
  scale_->setSuffix(QStringLiteral("×"));
  scale_->setToolTip(tr("Magnification, nearest-neighbour (crisp pixels)"));
  gaps_->setChecked(true);
  frameStep_->setRange(1, 100000);
  frameStep_->setToolTip(tr("Use every k-th grid the run drew"));
  delay_->setRange(10, 60000);
  delay_->setValue(100);
  delay_->setSuffix(tr(" ms"));
  delay_->setSingleStep(10);
  count_->setRange(1, 1000000);
  count_->setValue(1000);
  seed_->setRange(0, 2000000000);
  seed_->setToolTip(tr("The same seed gives the same samples"));

  QFormLayout* form = nullptr;
  imageOptions_ = formPage(this, &form);
  form->addRow(tr("Scale"), scale_);
  form->addRow(QString(), gaps_);
  gifOptions_ = formPage(this, &form);
  form->addRow(tr("Frame step"), frameStep_);
  form->addRow(tr("Delay per frame"), delay_);
  sampleOptions_ = formPage(this, &form);
  form->addRow(tr("Count"), count_);
  form->addRow(tr("Seed"), seed_);

  auto* browse = new QPushButton(tr("Browse…"), this);
  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(path_, 1);
  pathRow->addWidget(browse);

  auto* main = new QFormLayout;
  main->addRow(tr("&Export"), kind_);
  auto* toLabel = new QLabel(tr("&Save to"), this);
  toLabel->setBuddy(path_);  // a row whose field is a layout gets no buddy (and shows the "&")
  main->addRow(toLabel, pathRow);
  note_->setWordWrap(true);
  QPalette notePalette = note_->palette();
  notePalette.setColor(QPalette::WindowText, errorTextColor(palette()));
  note_->setPalette(notePalette);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  exportButton_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
  exportButton_->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(main);
  layout->addWidget(imageOptions_);
  layout->addWidget(gifOptions_);
  layout->addWidget(sampleOptions_);
  layout->addWidget(note_);
  layout->addStretch(1);
  layout->addWidget(buttons);

  connect(kind_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::kindChanged);
  kindChanged();
  resize(520, sizeHint().height());
}

QString ExportDialog::defaultName(ExportRequest::Kind kind) const {
  static const char* names[] = {"grid.png",    "digit.png", "interpolation.png", "training.gif",
                                "samples.idx", "samples",   "metrics.csv",       "config.yaml"};
  return QDir(folder_).filePath(QString::fromLatin1(names[kind]));
}

void ExportDialog::setUnavailable(ExportRequest::Kind kind, const QString& reason) {
  reasons_[kind] = reason;
  auto* model = qobject_cast<QStandardItemModel*>(kind_->model());
  const int row = kind_->findData(kind);
  if (model && row >= 0) model->item(row)->setToolTip(reason);
  kindChanged();
}

void ExportDialog::select(ExportRequest::Kind kind) {
  kind_->setCurrentIndex(kind_->findData(kind));
}

void ExportDialog::kindChanged() {
  const auto kind = static_cast<ExportRequest::Kind>(kind_->currentData().toInt());
  imageOptions_->setVisible(kind == ExportRequest::GridPng || kind == ExportRequest::DigitPng ||
                            kind == ExportRequest::StripPng);
  gaps_->setVisible(kind != ExportRequest::DigitPng);
  gifOptions_->setVisible(kind == ExportRequest::TrainingGif);
  sampleOptions_->setVisible(kind == ExportRequest::SamplesIdx ||
                             kind == ExportRequest::SamplesPngFolder);
  // Follow the kind with the default name unless the person typed a name of their own.
  const QFileInfo current(path_->text());
  bool defaultNamed = path_->text().isEmpty();
  for (int k = 0; k < 8 && !defaultNamed; ++k) {
    defaultNamed = QFileInfo(defaultName(static_cast<ExportRequest::Kind>(k))).fileName() ==
                   current.fileName();
  }
  if (defaultNamed) {
    const QString folder = path_->text().isEmpty() ? folder_ : current.path();
    path_->setText(QDir(folder).filePath(QFileInfo(defaultName(kind)).fileName()));
  }
  note_->setText(reasons_[kind]);
  if (exportButton_) exportButton_->setEnabled(reasons_[kind].isEmpty());
}

void ExportDialog::browse() {
  const auto kind = static_cast<ExportRequest::Kind>(kind_->currentData().toInt());
  QString chosen;
  if (kind == ExportRequest::SamplesPngFolder) {
    chosen = QFileDialog::getExistingDirectory(this, tr("Folder for the sample PNGs"), folder_);
  } else {
    chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path_->text());
  }
  if (!chosen.isEmpty()) path_->setText(chosen);
}

ExportRequest ExportDialog::request() const {
  ExportRequest r;
  r.kind = static_cast<ExportRequest::Kind>(kind_->currentData().toInt());
  r.path = path_->text().trimmed();
  r.scale = scale_->value();
  r.gaps = gaps_->isChecked();
  r.frameStep = frameStep_->value();
  r.delayMs = delay_->value();
  r.count = count_->value();
  r.seed = seed_->value();
  return r;
}

}  // namespace ui
