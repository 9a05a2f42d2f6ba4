#include "ui/training/config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/theme/theme.h"

namespace ui {

namespace {

const QString kIterations = QStringLiteral("training.iterations");
const QString kEpochs = QStringLiteral("training.epochs");
const QString kLearningRateD = QStringLiteral("training.learning_rate_d");
const QString kLearningRateG = QStringLiteral("training.learning_rate_g");
const QString kBatchSize = QStringLiteral("training.batch_size");
const QString kDataPath = QStringLiteral("data.path");
const QString kChooseFile = QStringLiteral("\x01choose");
const QString kChooseFolder = QStringLiteral("\x01folder");
constexpr int kChoosers = 2;  // the data set list ends with "Other IDX file…" and "Image folder…"

bool isChooser(const QString& data) { return data == kChooseFile || data == kChooseFolder; }

QString invalidStyle(const QPalette& palette) {
  return isDarkPalette(palette)
             ? QStringLiteral("QLineEdit { border: 1px solid #e06060; background: #402626; }")
             : QStringLiteral("QLineEdit { border: 1px solid #d33; background: #fff4f4; }");
}

QLabel* makeErrorLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  QFont small = label->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  label->setFont(small);
  label->setVisible(false);
  return label;
}

// "editor" above its error line, as one form cell.
QWidget* cell(QWidget* editor, QLabel* error, QWidget* extra = nullptr) {
  auto* box = new QWidget;
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(1);
  if (extra) {
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(editor, 1);
    row->addWidget(extra);
    column->addLayout(row);
  } else {
    column->addWidget(editor);
  }
  column->addWidget(error);
  return box;
}

}  // namespace

ConfigForm::ConfigForm(FormServices services, QWidget* parent)
    : QWidget(parent), services_(std::move(services)) {
  fields_.reserve(32);
  updating_ = true;  // no reactions while the fields are being built
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);

  restartNote_ =
      new QLabel(tr("Stop the run to change the greyed settings: they need a restart."), this);
  restartNote_->setWordWrap(true);
  restartNote_->setVisible(false);
  layout->addWidget(restartNote_);

  auto group = [&](const QString& title) {
    auto* box = new QGroupBox(title, this);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(box);
    return form;
  };
  auto row = [&](QFormLayout* form, const QString& label, Field& field, QWidget* extra = nullptr) {
    QWidget* editor = field.line ? static_cast<QWidget*>(field.line) : field.combo;
    auto* caption = new QLabel(label, this);
    caption->setBuddy(editor);
    form->addRow(caption, cell(editor, field.error, extra));
    const QString tip = services_.describe ? services_.describe(field.key) : QString();
    const QString suffix = field.live ? tr("\nApplies while training, at the next iteration.")
                                      : tr("\nNeeds a restart: locked while a run is active.");
    editor->setToolTip(tip + suffix);
    caption->setToolTip(editor->toolTip());
  };

  // --- Data and model (restart) ---
  QFormLayout* model = group(tr("Data and model"));
  Field& preset = addCombo(QStringLiteral("model.preset"));
  addChoice(preset, tr("Automatic"), QString(), tr("seed on a GPU, compact on a CPU"));
  addChoice(preset, tr("seed"), QStringLiteral("seed"), tr("the blog post's DCGAN"));
  addChoice(preset, tr("compact"), QStringLiteral("compact"),
            tr("narrower networks, fast on CPUs"));
  row(model, tr("&Preset"), preset);
  Field& data = addCombo(kDataPath);
  addChoice(data, tr("Embedded digits"), QStringLiteral("embedded"),
            tr("10,000 MNIST digits built into GanStudio"));
  addChoice(data, tr("Other file (IDX, .npz)…"), kChooseFile,
            tr("Choose an IDX images file or Keras's mnist.npz"));
  addChoice(data, tr("Image folder…"), kChooseFolder,
            tr("A folder of PNG or JPEG images; its sub-folders are the classes"));
  row(model, tr("&Data set"), data);
  Field& size = addCombo(QStringLiteral("data.image_size"));
  addChoice(size, tr("28 × 28"), QString(), tr("MNIST's size, the seed's"));
  addChoice(size, tr("32 × 32"), QStringLiteral("32"), tr("images scaled and centre-cropped"));
  addChoice(size, tr("64 × 64"), QStringLiteral("64"), tr("images scaled and centre-cropped"));
  row(model, tr("Image si&ze"), size);
  Field& channels = addCombo(QStringLiteral("data.channels"));
  addChoice(channels, tr("Grayscale"), QString(), tr("one channel"));
  addChoice(channels, tr("RGB"), QStringLiteral("3"), tr("three channels, colour"));
  row(model, tr("C&olour"), channels);
  Field& conditional = addCombo(QStringLiteral("model.conditional"));
  addChoice(conditional, tr("No"), QString(), tr("G draws any class"));
  addChoice(conditional, tr("Yes, by class"), QStringLiteral("true"),
            tr("G draws the class it is asked for (the explorer's class picker); needs labels"));
  row(model, tr("Co&nditional"), conditional);
  Field& spectral = addCombo(QStringLiteral("model.spectral_norm"));
  addChoice(spectral, tr("Off"), QString(), tr("D's weights as they are"));
  addChoice(spectral, tr("On"), QStringLiteral("true"),
            tr("spectral normalisation of D's layers (steadier training)"));
  row(model, tr("Spectral &norm in D"), spectral);
  row(model, tr("&Batch size"), addLine(kBatchSize));
  row(model, tr("&Noise dimension"), addLine(QStringLiteral("model.noise_dim")));
  Field& loop = addCombo(QStringLiteral("training.loop"));
  addChoice(loop, tr("seed-exact"), QString(), tr("the post's loop, step for step"));
  addChoice(loop, tr("fast"), QStringLiteral("fast"),
            tr("one generator forward per iteration, G's step reuses it"));
  row(model, tr("&Loop"), loop);
  Field& loss = addCombo(QStringLiteral("training.loss"));
  addChoice(loss, tr("bce"), QString(), tr("binary cross-entropy, the seed's"));
  addChoice(loss, tr("hinge"), QStringLiteral("hinge"), tr("hinge loss (SN-GAN)"));
  addChoice(loss, tr("wgan-gp"), QStringLiteral("wgan-gp"),
            tr("Wasserstein critic with a gradient penalty (training.n_critic, "
               "training.gp_lambda in the configuration file)"));
  addChoice(loss, tr("lsgan"), QStringLiteral("lsgan"), tr("least squares"));
  row(model, tr("Loss f&unction"), loss);
  Field& precision = addCombo(QStringLiteral("training.precision"));
  addChoice(precision, tr("fp32"), QString(), tr("32-bit floating point"));
  addChoice(precision, tr("bf16"), QStringLiteral("bf16"), tr("mixed precision (bfloat16)"));
  row(model, tr("Pre&cision"), precision);
  Field& device = addCombo(QStringLiteral("training.device"));
  device.combo->addItem(tr("Automatic"), QStringLiteral("auto"));
  row(model, tr("De&vice"), device);
  row(model, tr("&Seed"), addLine(QStringLiteral("training.seed")));

  // --- Length (live) ---
  QFormLayout* length = group(tr("Length"));
  row(length, tr("&Iterations"), addLine(kIterations));
  row(length, tr("&Epochs"), addLine(kEpochs));
  lengthNote_ = new QLabel(this);
  lengthNote_->setForegroundRole(QPalette::PlaceholderText);
  lengthNote_->setWordWrap(true);
  length->addRow(lengthNote_);

  // --- Optimizer (live) ---
  QFormLayout* optimizer = group(tr("Optimizer (Adam)"));
  linkButton_ = new QToolButton(this);
  linkButton_->setCheckable(true);
  linkButton_->setChecked(true);
  linkButton_->setText(tr("Linked"));
  linkButton_->setToolTip(tr("When linked, editing either learning rate sets both."));
  connect(linkButton_, &QToolButton::toggled, this,
          [this](bool on) { linkButton_->setText(on ? tr("Linked") : tr("Unlinked")); });
  row(optimizer, tr("Learning rate &D"), addLine(kLearningRateD), linkButton_);
  row(optimizer, tr("Learning rate &G"), addLine(kLearningRateG));
  row(optimizer, tr("β&1"), addLine(QStringLiteral("training.beta1")));
  row(optimizer, tr("β&2"), addLine(QStringLiteral("training.beta2")));

  // --- Outputs ---
  QFormLayout* outputs = group(tr("Outputs"));
  row(outputs, tr("Sa&mple every"), addLine(QStringLiteral("outputs.sample_every")));
  row(outputs, tr("Chec&kpoint every"), addLine(QStringLiteral("outputs.checkpoint_every")));
  row(outputs, tr("&Run folder"), addLine(QStringLiteral("outputs.run_dir")));
  layout->addStretch(1);

  connect(data.combo, qOverload<int>(&QComboBox::activated), this, [this](int) {
    Field* field = find(kDataPath);
    const QString choice = field->combo->currentData().toString();
    if (isChooser(choice)) chooseDatasetFile(choice == kChooseFolder);
  });
  updating_ = false;
  updatePlaceholders();
  applyColours();
}

void ConfigForm::applyColours() {
  const QString note = warningStyleSheet(palette());
  if (restartNote_->styleSheet() != note) restartNote_->setStyleSheet(note);
  for (Field& field : fields_) validate(field);
}

void ConfigForm::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange && !updatingColours_) {
    updatingColours_ = true;
    applyColours();
    updatingColours_ = false;
  }
  QWidget::changeEvent(event);
}

ConfigForm::Field& ConfigForm::addLine(const QString& key) {
  Field field;
  field.key = key;
  field.live = services_.isLive && services_.isLive(key);
  field.line = new QLineEdit(this);
  field.line->setClearButtonEnabled(true);
  field.error = makeErrorLabel(this);
  // Number fields leave the training keys (Space, S) to the window: a shortcut never types a
  // letter into a number. The run folder is text and takes every key.
  if (key != QLatin1String("outputs.run_dir")) field.line->installEventFilter(this);
  fields_.push_back(field);
  Field& stored = fields_.back();
  // Enter applies the edit and hands the keyboard back to the window, so that Space and S
  // control training again (a field with an error keeps the focus to be fixed).
  connect(stored.line, &QLineEdit::returnPressed, this, [this, k = key] {
    Field& f = *find(k);
    if (f.error->isVisible() && !f.error->property("advisory").toBool()) return;
    f.line->clearFocus();
  });
  connect(stored.line, &QLineEdit::textEdited, this, [this, k = key](const QString& text) {
    Field& f = *find(k);
    if (k == kLearningRateD || k == kLearningRateG) {
      if (linkButton_->isChecked()) {
        Field& other = *find(k == kLearningRateD ? kLearningRateG : kLearningRateD);
        other.line->setText(text);
        validate(other);
      }
    }
    if (validate(f)) {
      if (k == kIterations || k == kEpochs || k == kBatchSize) updateLength(k);
    }
  });
  connect(stored.line, &QLineEdit::editingFinished, this, [this, k = key] { confirm(*find(k)); });
  return stored;
}

ConfigForm::Field& ConfigForm::addCombo(const QString& key) {
  Field field;
  field.key = key;
  field.live = services_.isLive && services_.isLive(key);
  field.combo = new QComboBox(this);
  // Short labels, shown whole (each item's tooltip says more).
  field.combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  field.error = makeErrorLabel(this);
  fields_.push_back(field);
  Field& stored = fields_.back();
  connect(stored.combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this, k = key](int) {
            if (updating_) return;
            Field& f = *find(k);
            if (isChooser(f.combo->currentData().toString())) return;
            updatePlaceholders();
            updateLength(QString());
            confirm(f);
          });
  return stored;
}

void ConfigForm::addChoice(Field& field, const QString& label, const QString& value,
                           const QString& tip) {
  field.combo->addItem(label, value);
  field.combo->setItemData(field.combo->count() - 1, tip, Qt::ToolTipRole);
}

ConfigForm::Field* ConfigForm::find(const QString& key) {
  for (Field& field : fields_) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

const ConfigForm::Field* ConfigForm::find(const QString& key) const {
  return const_cast<ConfigForm*>(this)->find(key);
}

QString ConfigForm::text(const Field& field) const {
  if (field.line) return field.line->text().trimmed();
  return field.combo->currentData().toString();
}

void ConfigForm::setText(Field& field, const QString& value) {
  if (field.line) {
    field.line->setText(value);
    return;
  }
  int index = field.combo->findData(value);
  if (index < 0 && field.key == kDataPath && !value.isEmpty()) {
    const int at = field.combo->count() - kChoosers;
    field.combo->insertItem(at, QFileInfo(value).fileName(), value);
    field.combo->setItemData(at, value, Qt::ToolTipRole);
    index = field.combo->findData(value);
  }
  if (index < 0 && field.key == QLatin1String("training.device") && !value.isEmpty()) {
    field.combo->addItem(value, value);
    index = field.combo->findData(value);
  }
  field.combo->setCurrentIndex(std::max(0, index));
}

bool ConfigForm::validate(Field& field) {
  const QString problem = services_.check ? services_.check(field.key, text(field)) : QString();
  // An acceptable but unusual value is said (in the warning colour), never refused.
  const QString advice =
      problem.isEmpty() && services_.advise ? services_.advise(field.key, text(field)) : QString();
  field.error->setText(problem.isEmpty() ? advice : problem);
  field.error->setVisible(!problem.isEmpty() || !advice.isEmpty());
  field.error->setProperty("advisory", problem.isEmpty() && !advice.isEmpty());
  QPalette colours = palette();
  colours.setColor(QPalette::WindowText,
                   problem.isEmpty() ? warningTextColor(palette()) : errorTextColor(palette()));
  field.error->setPalette(colours);
  const QString style = problem.isEmpty() ? QString() : invalidStyle(palette());
  if (field.line && field.line->styleSheet() != style) field.line->setStyleSheet(style);
  return problem.isEmpty();
}

bool ConfigForm::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
    return QWidget::eventFilter(watched, event);
  const auto* key = static_cast<QKeyEvent*>(event);
  const bool plain = (key->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier)) == 0;
  const bool letter = key->key() >= Qt::Key_A && key->key() <= Qt::Key_Z && key->key() != Qt::Key_E;
  if (plain && (key->key() == Qt::Key_Space || letter)) {
    // ShortcutOverride not accepted: the window's shortcut (if any) takes the key; the key press
    // that follows when none does is dropped, as no number holds it.
    event->ignore();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void ConfigForm::confirm(Field& field) {
  if (updating_ || !validate(field)) return;
  const QString value = text(field);
  FormValues changes;
  auto note = [&](Field& f) {
    if (text(f) != f.confirmed) {
      f.confirmed = text(f);
      if (f.live) changes.insert(f.key, f.confirmed);
    }
  };
  note(field);
  if ((field.key == kLearningRateD || field.key == kLearningRateG) && linkButton_->isChecked()) {
    note(*find(field.key == kLearningRateD ? kLearningRateG : kLearningRateD));
  }
  if (field.key == kIterations || field.key == kEpochs) {
    // Only the length the person set travels; the other is derived.
    changes.remove(field.key == kIterations ? kEpochs : kIterations);
    find(field.key == kIterations ? kEpochs : kIterations)->confirmed =
        text(*find(field.key == kIterations ? kEpochs : kIterations));
  }
  Q_UNUSED(value);
  if (active_ && !changes.isEmpty()) Q_EMIT liveChanged(changes);
  Q_EMIT edited();
}

qint64 ConfigForm::datasetSize() const {
  const Field* data = find(kDataPath);
  return services_.datasetSize ? services_.datasetSize(text(*data)) : 0;
}

void ConfigForm::updateLength(const QString& editedKey) {
  if (editedKey == kIterations || editedKey == kEpochs) lengthUnit_ = editedKey;
  Field& iterations = *find(kIterations);
  Field& epochs = *find(kEpochs);
  const qint64 images = datasetSize();
  bool ok = false;
  const double batch =
      text(*find(kBatchSize)).isEmpty() ? 64 : text(*find(kBatchSize)).toDouble(&ok);
  if (images <= 0 || batch <= 0) {
    lengthNote_->setText(tr("Data set size unknown: set iterations or epochs."));
    return;
  }
  updating_ = true;
  if (lengthUnit_ == kEpochs) {
    const double e = text(epochs).toDouble(&ok);
    iterations.line->setText(
        ok && e > 0 ? QString::number(static_cast<qint64>(std::ceil(e * images / batch)))
                    : QString());
  } else {
    const QString it = text(iterations);
    const double n = it.isEmpty() ? 50000 : it.toDouble(&ok);
    epochs.line->setText(it.isEmpty() ? QString() : QString::number(n * batch / images, 'g', 4));
    if (it.isEmpty())
      epochs.line->setPlaceholderText(
          tr("%1 (default)").arg(QString::number(50000 * batch / images, 'g', 4)));
  }
  validate(iterations);
  validate(epochs);
  updating_ = false;
  lengthNote_->setText(
      tr("One epoch is one pass over the %1 images: %2 iterations at batch size %3.")
          .arg(QLocale().toString(images))
          .arg(QString::number(std::ceil(images / batch), 'f', 0))
          .arg(batch));
}

void ConfigForm::updatePlaceholders() {
  if (!services_.defaultFor) return;
  const FormValues current = values();
  for (Field& field : fields_) {
    if (!field.line) continue;
    const QString fallback = services_.defaultFor(current, field.key);
    field.line->setPlaceholderText(fallback.isEmpty() ? QString()
                                                      : tr("%1 (default)").arg(fallback));
  }
}

void ConfigForm::chooseDatasetFile(bool folder) {
  Field& data = *find(kDataPath);
  const QString path =
      folder ? QFileDialog::getExistingDirectory(this, tr("Choose a folder of images"))
             : QFileDialog::getOpenFileName(
                   this, tr("Choose an IDX images file or mnist.npz"), QString(),
                   tr("IDX images or NumPy archives (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.idx.gz "
                      "*.npz);;All files (*)"));
  updating_ = true;
  if (path.isEmpty()) {
    setText(data, data.confirmed);  // back to what was chosen before
  } else {
    setText(data, path);
  }
  updating_ = false;
  updatePlaceholders();
  updateLength(QString());
  confirm(data);
}

void ConfigForm::setDatasets(const QList<QPair<QString, QString>>& datasets) {
  Field& data = *find(kDataPath);
  const QString current = text(data);
  updating_ = true;
  for (const auto& [label, path] : datasets) {
    if (data.combo->findData(path) >= 0) continue;
    const int at = data.combo->count() - kChoosers;
    data.combo->insertItem(at, label, path);
    data.combo->setItemData(at, path, Qt::ToolTipRole);
  }
  setText(data, current);
  updating_ = false;
}

void ConfigForm::setDevices(const QList<QPair<QString, QString>>& devices) {
  Field& device = *find(QStringLiteral("training.device"));
  const QString current = text(device);
  updating_ = true;
  device.combo->clear();
  for (const auto& [label, value] : devices) device.combo->addItem(label, value);
  setText(device, current);
  updating_ = false;
}

void ConfigForm::setValues(const FormValues& values) {
  hidden_ = values;
  for (const Field& field : fields_) hidden_.remove(field.key);
  updating_ = true;
  for (Field& field : fields_) {
    setText(field, values.value(field.key));
    field.confirmed = text(field);
  }
  lengthUnit_ = values.value(kEpochs).isEmpty() ? kIterations : kEpochs;
  if (!values.value(kLearningRateD).isEmpty() || !values.value(kLearningRateG).isEmpty()) {
    linkButton_->setChecked(values.value(kLearningRateD) == values.value(kLearningRateG));
  }
  updating_ = false;
  for (Field& field : fields_) validate(field);
  updatePlaceholders();
  updateLength(QString());
  for (Field& field : fields_) field.confirmed = text(field);
}

void ConfigForm::showValue(const QString& key, const QString& text) {
  Field* field = find(key);
  if (!field) return;
  updating_ = true;
  setText(*field, text);
  field->confirmed = this->text(*field);
  updating_ = false;
  validate(*field);
}

FormValues ConfigForm::values() const {
  FormValues out = hidden_;
  for (const Field& field : fields_) out.insert(field.key, text(field));
  // Only the length the person chose is part of the configuration; the other is derived from it.
  out.insert(lengthUnit_ == kEpochs ? kIterations : kEpochs, QString());
  return out;
}

QStringList ConfigForm::invalidKeys() const {
  QStringList keys;
  for (const Field& field : fields_) {
    if (services_.check && !services_.check(field.key, text(field)).isEmpty()) keys << field.key;
  }
  return keys;
}

void ConfigForm::focusKey(const QString& key) {
  if (QWidget* widget = editor(key)) widget->setFocus(Qt::OtherFocusReason);
}

QString ConfigForm::errorText(const QString& key) const {
  const Field* field = find(key);
  return field ? field->error->text() : QString();
}

void ConfigForm::setRunActive(bool active) {
  active_ = active;
  for (Field& field : fields_) {
    if (!field.live)
      (field.line ? static_cast<QWidget*>(field.line) : field.combo)->setEnabled(!active);
  }
  restartNote_->setVisible(active);
}

bool ConfigForm::isLive(const QString& key) const {
  const Field* field = find(key);
  return field && field->live;
}

bool ConfigForm::learningRatesLinked() const { return linkButton_->isChecked(); }
void ConfigForm::setLearningRatesLinked(bool linked) { linkButton_->setChecked(linked); }

QWidget* ConfigForm::editor(const QString& key) const {
  const Field* field = find(key);
  if (!field) return nullptr;
  return field->line ? static_cast<QWidget*>(field->line) : field->combo;
}

}  // namespace ui
