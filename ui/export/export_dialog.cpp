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
#include <QRegularExpression>
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
      note_(new QLabel(this)),
      videoFormat_(new QComboBox(this)),
      fps_(new QSpinBox(this)),
      videoScale_(new QSpinBox(this)),
      caption_(new QCheckBox(tr("Iteration and quality under each grid"), this)),
      videoFrameStep_(new QSpinBox(this)),
      walkSeeds_(new QLineEdit(QStringLiteral("1, 2, 3, 4"), this)),
      walkClasses_(new QLineEdit(this)),
      walkFrames_(new QSpinBox(this)),
      loop_(new QCheckBox(tr("Loop back to the first point"), this)),
      walkPath_(new QComboBox(this)) {
  setWindowTitle(tr("Export"));
  kind_->addItem(tr("Digit grid (PNG)"), ExportRequest::GridPng);
  kind_->addItem(tr("Explorer digit (PNG)"), ExportRequest::DigitPng);
  kind_->addItem(tr("Interpolation strip (PNG)"), ExportRequest::StripPng);
  kind_->addItem(tr("Training as an animated GIF"), ExportRequest::TrainingGif);
  kind_->addItem(tr("Training as a video (MP4 or WebM)"), ExportRequest::TrainingVideo);
  kind_->addItem(tr("Latent walk video (MP4 or WebM)"), ExportRequest::LatentWalk);
  kind_->addItem(tr("Samples (IDX, for other tools)"), ExportRequest::SamplesIdx);
  kind_->addItem(tr("Samples (a folder of PNG files)"), ExportRequest::SamplesPngFolder);
  kind_->addItem(tr("Metrics (CSV)"), ExportRequest::MetricsCsv);
  kind_->addItem(tr("Configuration (YAML)"), ExportRequest::ConfigYaml);
  kind_->addItem(tr("Report (HTML: curves, grids, notes, settings)"), ExportRequest::Report);

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

  videoFormat_->addItem(tr("MP4 (H.264)"), QStringLiteral("mp4"));
  videoFormat_->addItem(tr("WebM (VP9)"), QStringLiteral("webm"));
  videoFormat_->setToolTip(tr("MP4 plays everywhere; WebM is open and plays in every browser"));
  fps_->setRange(1, 120);
  fps_->setValue(10);
  fps_->setSuffix(tr(" frames/s"));
  videoScale_->setRange(1, 16);
  videoScale_->setSuffix(QStringLiteral("×"));
  videoScale_->setToolTip(tr("Magnification, nearest-neighbour (crisp pixels)"));
  caption_->setChecked(true);
  videoFrameStep_->setRange(1, 100000);
  videoFrameStep_->setToolTip(tr("Use every k-th grid the run drew; the newest always ends it"));
  walkSeeds_->setToolTip(
      tr("The points of the walk: each seed's latent vector, as Samples with that seed draws "
         "its first image (at least two, separated by commas)"));
  walkClasses_->setPlaceholderText(tr("the classes in turn"));
  walkClasses_->setToolTip(
      tr("A conditional generator's class at each point, by name or number, separated by "
         "commas; empty: the classes in turn"));
  walkFrames_->setRange(2, 100000);
  walkFrames_->setValue(120);
  loop_->setChecked(true);
  walkPath_->addItem(tr("Great circles (spherical)"), true);
  walkPath_->addItem(tr("Straight lines (linear)"), false);
  walkPath_->setToolTip(
      tr("Great circles keep the vectors as long as the generator saw them in training"));

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
  videoOptions_ = formPage(this, &form);
  form->addRow(tr("Format"), videoFormat_);
  form->addRow(tr("Frame rate"), fps_);
  form->addRow(tr("Scale"), videoScale_);
  timelapseOptions_ = formPage(this, &form);
  form->addRow(tr("Frame step"), videoFrameStep_);
  form->addRow(QString(), caption_);
  reportOptions_ = formPage(this, &form);
  reportGrids_ = new QLineEdit(this);
  reportGrids_->setPlaceholderText(tr("four spread over the run"));
  reportGrids_->setToolTip(
      tr("The iterations whose grids the report shows, separated by commas (each the newest grid "
         "at or before it)"));
  form->addRow(tr("Grids at iterations"), reportGrids_);
  walkOptions_ = formPage(this, &form);
  form->addRow(tr("Points (seeds)"), walkSeeds_);
  form->addRow(tr("Classes"), walkClasses_);
  form->addRow(tr("Frames"), walkFrames_);
  form->addRow(tr("Path"), walkPath_);
  form->addRow(QString(), loop_);

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
  layout->addWidget(videoOptions_);
  layout->addWidget(timelapseOptions_);
  layout->addWidget(walkOptions_);
  layout->addWidget(reportOptions_);
  layout->addWidget(note_);
  layout->addStretch(1);
  layout->addWidget(buttons);

  connect(kind_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::kindChanged);
  connect(videoFormat_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          &ExportDialog::formatChanged);
  connect(walkSeeds_, &QLineEdit::textChanged, this, &ExportDialog::seedsEdited);
  connect(reportGrids_, &QLineEdit::textChanged, this, &ExportDialog::reportGridsEdited);
  kindChanged();
  resize(520, sizeHint().height());
}

QString ExportDialog::defaultName(ExportRequest::Kind kind) const {
  static const char* names[] = {"grid.png",    "digit.png",   "interpolation.png", "training.gif",
                                "samples.idx", "samples",     "metrics.csv",       "config.yaml",
                                "training",    "latent-walk", "report.html"};
  QString name = QString::fromLatin1(names[kind]);
  if (kind == ExportRequest::TrainingVideo || kind == ExportRequest::LatentWalk) {
    name += QLatin1Char('.') + videoFormat_->currentData().toString();
  }
  return QDir(folder_).filePath(name);
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
  const bool video = kind == ExportRequest::TrainingVideo || kind == ExportRequest::LatentWalk;
  videoOptions_->setVisible(video);
  timelapseOptions_->setVisible(kind == ExportRequest::TrainingVideo);
  walkOptions_->setVisible(kind == ExportRequest::LatentWalk);
  reportOptions_->setVisible(kind == ExportRequest::Report);
  if (video && kind != shownVideoKind_) {
    // Each kind's own defaults: a time-lapse of the saved grids, a walk of one magnified image.
    shownVideoKind_ = kind;
    const bool walk = kind == ExportRequest::LatentWalk;
    fps_->setValue(walk ? 30 : 10);
    videoScale_->setRange(1, walk ? 16 : 8);
    videoScale_->setValue(walk ? 8 : 1);
  }
  // Follow the kind with the default name unless the person typed a name of their own.
  const QFileInfo current(path_->text());
  bool defaultNamed = path_->text().isEmpty();
  for (int k = 0; k < ExportRequest::KindCount && !defaultNamed; ++k) {
    const QString name = QFileInfo(defaultName(static_cast<ExportRequest::Kind>(k))).fileName();
    // (a video's name with either extension)
    defaultNamed = name == current.fileName() ||
                   QFileInfo(name).completeBaseName() == current.completeBaseName();
  }
  if (defaultNamed) {
    const QString folder = path_->text().isEmpty() ? folder_ : current.path();
    path_->setText(QDir(folder).filePath(QFileInfo(defaultName(kind)).fileName()));
  }
  const QString problem = !reasons_[kind].isEmpty()           ? reasons_[kind]
                          : kind == ExportRequest::LatentWalk ? seedsProblem_
                          : kind == ExportRequest::Report     ? reportGridsProblem_
                                                              : QString();
  note_->setText(problem);
  if (exportButton_) exportButton_->setEnabled(problem.isEmpty());
}

void ExportDialog::formatChanged() {
  // The name follows the format: training.mp4 <-> training.webm.
  const QString text = path_->text();
  const QFileInfo current(text);
  const QString suffix = current.suffix().toLower();
  if (suffix == QLatin1String("mp4") || suffix == QLatin1String("webm")) {
    path_->setText(text.left(text.size() - suffix.size()) + videoFormat_->currentData().toString());
  }
}

void ExportDialog::seedsEdited() {
  std::vector<quint64> seeds;
  seedsProblem_.clear();
  if (!parseSeeds(walkSeeds_->text(), &seeds, &seedsProblem_)) {
    seedsProblem_ = tr("Points: %1").arg(seedsProblem_);
  }
  kindChanged();
}

void ExportDialog::reportGridsEdited() {
  std::vector<qint64> iterations;
  reportGridsProblem_.clear();
  if (!parseIterations(reportGrids_->text(), &iterations, &reportGridsProblem_)) {
    reportGridsProblem_ = tr("Grids: %1").arg(reportGridsProblem_);
  }
  kindChanged();
}

bool parseIterations(const QString& text, std::vector<qint64>* iterations, QString* error) {
  iterations->clear();
  const QStringList parts =
      text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
  for (const QString& part : parts) {
    bool ok = false;
    const qint64 iteration = part.toLongLong(&ok);
    if (!ok || iteration < 0 || iteration > qint64{1000000000000}) {
      *error = QObject::tr("'%1' is not an iteration (a whole number from 0)").arg(part.left(20));
      return false;
    }
    iterations->push_back(iteration);
  }
  if (iterations->size() > 100) {
    *error = QObject::tr("at most 100 grids");
    return false;
  }
  return true;
}

bool parseSeeds(const QString& text, std::vector<quint64>* seeds, QString* error) {
  seeds->clear();
  const QStringList parts =
      text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
  for (const QString& part : parts) {
    bool ok = false;
    const quint64 seed = part.toULongLong(&ok);
    if (!ok || seed > (quint64{1} << 62)) {
      *error = QObject::tr("'%1' is not a seed (a whole number from 0)").arg(part.left(20));
      return false;
    }
    seeds->push_back(seed);
  }
  if (seeds->size() < 2) {
    *error = QObject::tr("a walk needs at least two seeds, separated by commas");
    return false;
  }
  if (seeds->size() > 1000) {
    *error = QObject::tr("at most 1000 points");
    return false;
  }
  return true;
}

void ExportDialog::browse() {
  const auto kind = static_cast<ExportRequest::Kind>(kind_->currentData().toInt());
  QString chosen;
  if (kind == ExportRequest::SamplesPngFolder) {
    chosen = QFileDialog::getExistingDirectory(this, tr("Folder for the sample PNGs"), folder_);
  } else if (kind == ExportRequest::TrainingVideo || kind == ExportRequest::LatentWalk) {
    chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path_->text(),
                                          tr("Videos (*.mp4 *.webm)"));
  } else if (kind == ExportRequest::Report) {
    chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path_->text(),
                                          tr("Web pages (*.html)"));
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
  r.fps = fps_->value();
  r.videoScale = videoScale_->value();
  r.caption = caption_->isChecked();
  if (r.kind == ExportRequest::TrainingVideo) r.frameStep = videoFrameStep_->value();
  QString ignored;
  parseSeeds(walkSeeds_->text(), &r.walkSeeds, &ignored);
  r.walkClasses = walkClasses_->text().trimmed();
  r.walkFrames = walkFrames_->value();
  r.loop = loop_->isChecked();
  r.spherical = walkPath_->currentData().toBool();
  parseIterations(reportGrids_->text(), &r.reportGrids, &ignored);
  return r;
}

}  // namespace ui
