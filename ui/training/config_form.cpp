#include "ui/training/config_form.h"

#include <QComboBox>
#include <QDir>
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

#include "ui/theme/theme.h"

namespace ui {

namespace {

// A data set as the list shows it: its folder and name ("…/icons/train"), since folders of
// pictures are often all called "train" or "images"; the tooltip has the whole path.
QString shortPath(const QString& path) {
  const QStringList parts = QDir::cleanPath(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
  if (parts.size() <= 2) return QDir::toNativeSeparators(path);
  return QDir::toNativeSeparators(QStringLiteral("…/") + parts.mid(parts.size() - 2).join('/'));
}

// The data set row's last two choices open a file or a folder dialog.
constexpr QLatin1StringView kChooseFile("\x01choose");
constexpr QLatin1StringView kChooseFolder("\x01folder");
constexpr int kChoosers = 2;

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
  fields_.reserve(static_cast<size_t>(services_.rows.size()));
  updating_ = true;  // no reactions while the fields are being built
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);

  restartNote_ =
      new QLabel(tr("Stop the run to change the greyed settings: they need a restart."), this);
  restartNote_->setWordWrap(true);
  restartNote_->setVisible(false);
  layout->addWidget(restartNote_);

  // Live settings a run changed, set back when it ended: said, with a way to keep them.
  setBackBar_ = new QWidget(this);
  auto* setBackRow = new QHBoxLayout(setBackBar_);
  setBackRow->setContentsMargins(0, 0, 0, 0);
  setBackNote_ = new QLabel(setBackBar_);
  setBackNote_->setWordWrap(true);
  auto* keep = new QToolButton(setBackBar_);
  keep->setText(tr("Keep the Run's Values"));
  keep->setToolTip(tr("Start the next run with the values the last run ended with"));
  connect(keep, &QToolButton::clicked, this, &ConfigForm::keepRunValues);
  setBackRow->addWidget(setBackNote_, 1);
  setBackRow->addWidget(keep, 0, Qt::AlignTop);
  setBackBar_->setVisible(false);
  layout->addWidget(setBackBar_);

  resetButton_ = new QToolButton(this);
  resetButton_->setText(tr("Reset to Def&aults"));
  resetButton_->setToolTip(
      tr("Every setting back to its default (the data set stays); settings that differ from "
         "their default have their names in bold"));
  connect(resetButton_, &QToolButton::clicked, this, &ConfigForm::resetToDefaults);
  layout->addWidget(resetButton_, 0, Qt::AlignRight);

  QString groupTitle;
  QFormLayout* form = nullptr;
  for (const FormRow& row : services_.rows) {
    if (!form || row.group != groupTitle) {
      groupTitle = row.group;
      auto* box = new QGroupBox(groupTitle, this);
      form = new QFormLayout(box);
      form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      layout->addWidget(box);
    }
    Field added;
    added.row = row;
    fields_.push_back(added);
    Field& field = fields_.back();
    QWidget* editor = makeEditor(field);
    QWidget* extra = nullptr;
    if (!row.linkedWith.isEmpty() && !linkButton_) {
      linkButton_ = new QToolButton(this);
      linkButton_->setCheckable(true);
      linkButton_->setChecked(true);
      linkButton_->setText(tr("Linked"));
      linkButton_->setToolTip(tr("When linked, editing either learning rate sets both."));
      connect(linkButton_, &QToolButton::toggled, this,
              [this](bool on) { linkButton_->setText(on ? tr("Linked") : tr("Unlinked")); });
      extra = linkButton_;
    }
    auto* caption = new QLabel(row.label, this);
    field.caption = caption;
    caption->setBuddy(editor);
    form->addRow(caption, cell(editor, field.error, extra));
    const QString suffix = row.live ? tr("\nApplies while training, at the next iteration.")
                                    : tr("\nNeeds a restart: locked while a run is active.");
    editor->setToolTip(row.tip + suffix);
    caption->setToolTip(editor->toolTip());
    // Rows that exclude each other: the first is the setting until the person sets the other,
    // and a note under them says what they come to.
    if (!row.excludes.isEmpty() && find(row.excludes)) {
      derived_.append(row.key);
      derivedNote_ = new QLabel(this);
      derivedNote_->setForegroundRole(QPalette::PlaceholderText);
      derivedNote_->setWordWrap(true);
      form->addRow(derivedNote_);
    }
    if (row.noted) {
      auto* note = new QLabel(this);
      note->setForegroundRole(QPalette::PlaceholderText);
      note->setWordWrap(true);
      note->setTextFormat(Qt::PlainText);
      note->setObjectName(QStringLiteral("note:") + row.key);
      note->installEventFilter(this);
      rowNotes_.insert(row.key, note);
      form->addRow(note);
    }
  }
  layout->addStretch(1);
  updating_ = false;
  refresh();
  applyColours();
}

QWidget* ConfigForm::makeEditor(Field& field) {
  const QString key = field.row.key;
  field.error = makeErrorLabel(this);
  if (field.row.editor == FormRow::Editor::Line) {
    field.line = new QLineEdit(this);
    field.line->setClearButtonEnabled(true);
    // Number fields leave the training keys (Space, S) to the window: a shortcut never types a
    // letter into a number. Text fields take every key.
    if (!field.row.text) field.line->installEventFilter(this);
    // Enter applies the edit and hands the keyboard back to the window, so that Space and S
    // control training again (a field with an error keeps the focus to be fixed).
    connect(field.line, &QLineEdit::returnPressed, this, [this, key] {
      Field& f = *find(key);
      if (f.error->isVisible() && !f.error->property("advisory").toBool()) return;
      f.line->clearFocus();
    });
    connect(field.line, &QLineEdit::textEdited, this,
            [this, key](const QString& text) { edit(*find(key), text); });
    connect(field.line, &QLineEdit::editingFinished, this, [this, key] { confirm(*find(key)); });
    return field.line;
  }
  field.combo = new QComboBox(this);
  // Room for about 20 characters (the list shows every label whole; each item's tooltip says
  // more): the form stays narrow enough to leave the charts their width on a laptop.
  field.combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  field.combo->setMinimumContentsLength(20);
  for (const FormChoice& choice : field.row.choices)
    addChoice(field.combo, choice.label, choice.value, choice.tip);
  if (field.row.editor == FormRow::Editor::DataSet) {
    addChoice(field.combo, tr("Other file (IDX, .npz)…"), kChooseFile,
              tr("Choose an IDX images file or Keras's mnist.npz"));
    addChoice(field.combo, tr("Image folder…"), kChooseFolder,
              tr("A folder of PNG or JPEG images; its sub-folders are the classes"));
    connect(field.combo, qOverload<int>(&QComboBox::activated), this, [this, key](int) {
      const QString choice = find(key)->combo->currentData().toString();
      if (isChooser(choice)) chooseDatasetFile(choice == kChooseFolder);
    });
  }
  connect(field.combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, key](int) {
    if (updating_) return;
    Field& f = *find(key);
    if (isChooser(f.combo->currentData().toString())) return;
    refresh();
    confirm(f);
  });
  return field.combo;
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

void ConfigForm::addChoice(QComboBox* combo, const QString& label, const QString& value,
                           const QString& tip) {
  combo->addItem(label, value);
  combo->setItemData(combo->count() - 1, label, Qt::UserRole + 1);  // the label without marks
  combo->setItemData(combo->count() - 1, tip, Qt::ToolTipRole);
}

ConfigForm::Field* ConfigForm::find(const QString& key) {
  for (Field& field : fields_) {
    if (field.row.key == key) return &field;
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
  QComboBox* combo = field.combo;
  int index = combo->findData(value);
  if (index < 0 && value.isEmpty() && services_.defaults) {
    index = combo->findData(services_.defaults(values()).value(field.row.key));  // the default's
  }
  if (index < 0 && !value.isEmpty()) {
    // A value of the configuration that the list does not offer: a data file, a device.
    const bool dataSet = field.row.editor == FormRow::Editor::DataSet;
    index = dataSet ? combo->count() - kChoosers : combo->count();
    const QString label = dataSet ? shortPath(value) : value;
    combo->insertItem(index, label, value);
    combo->setItemData(index, label, Qt::UserRole + 1);
    combo->setItemData(index, value, Qt::ToolTipRole);
  }
  combo->setCurrentIndex(std::max(0, index));
}

bool ConfigForm::validate(Field& field) {
  const QString problem = services_.check ? services_.check(field.row.key, text(field)) : QString();
  // An acceptable but unusual value is said (in the warning colour), never refused.
  const QString advice = problem.isEmpty() && services_.advise
                             ? services_.advise(field.row.key, text(field))
                             : QString();
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

void ConfigForm::edit(Field& field, const QString& text) {
  if (!field.row.linkedWith.isEmpty() && rowsLinked()) {
    if (Field* other = find(field.row.linkedWith); other && other->line) {
      other->line->setText(text);
      validate(*other);
    }
  }
  if (!field.row.excludes.isEmpty() && derived_.contains(field.row.key)) {
    // The person sets this one now: the other shows what it comes to.
    derived_.removeAll(field.row.key);
    derived_.append(field.row.excludes);
  }
  if (validate(field)) refresh();
}

bool ConfigForm::eventFilter(QObject* watched, QEvent* event) {
  // A note laid out at a new width asks for the height its text needs there.
  if (event->type() == QEvent::Resize) {
    for (QLabel* note : rowNotes_) {
      if (note == watched) fitNoteHeight(note);
    }
    return QWidget::eventFilter(watched, event);
  }
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
  FormValues changes;
  auto note = [&](Field& f) {
    if (text(f) != f.confirmed) {
      f.confirmed = text(f);
      if (f.row.live) changes.insert(f.row.key, f.confirmed);
    }
  };
  note(field);
  if (!field.row.linkedWith.isEmpty() && rowsLinked()) {
    if (Field* other = find(field.row.linkedWith)) note(*other);
  }
  for (const QString& key : derived_) {
    // What a derived row shows is not a setting: only the row the person set travels.
    changes.remove(key);
    if (Field* derived = find(key)) derived->confirmed = text(*derived);
  }
  if (active_ && !changes.isEmpty()) Q_EMIT liveChanged(changes);
  Q_EMIT edited();
}

void ConfigForm::fitNoteHeight(QLabel* note) {
  // The lines the text takes at the note's width (QLabel's own height-for-width answers for a
  // narrower one inside the scrolled form).
  const int width = std::max(1, note->width() - 2 * note->margin());
  const int height = note->text().isEmpty() ? 0
                                            : note->fontMetrics()
                                                      .boundingRect(QRect(0, 0, width, 100000),
                                                                    Qt::TextWordWrap, note->text())
                                                      .height() +
                                                  2 * note->margin();
  if (note->minimumHeight() != height) note->setMinimumHeight(height);
}

QString ConfigForm::rowNote(const QString& key) const {
  const QLabel* note = rowNotes_.value(key, nullptr);
  return note ? note->text() : QString();
}

void ConfigForm::refresh() {
  if (updating_) return;
  updating_ = true;
  const FormValues current = values();
  const FormDerived derived = services_.derive ? services_.derive(current) : FormDerived{};
  const FormValues defaults = services_.defaults ? services_.defaults(current) : FormValues{};
  for (Field& field : fields_) {
    const QString fallback = defaults.value(field.row.key);
    if (field.line) {
      if (derived_.contains(field.row.key)) {
        field.line->setText(derived.texts.value(field.row.key));
        validate(field);
      }
      const QString placeholder = derived.placeholders.value(field.row.key, fallback);
      field.line->setPlaceholderText(placeholder.isEmpty() ? QString()
                                                           : tr("%1 (default)").arg(placeholder));
      continue;
    }
    // A list shows what an unset key stands for ("Automatic (fast)") or which is the default.
    QString defaultLabel;
    for (int i = 0; i < field.combo->count(); ++i) {
      if (field.combo->itemData(i).toString() == fallback && !fallback.isEmpty())
        defaultLabel = field.combo->itemData(i, Qt::UserRole + 1).toString();
    }
    for (int i = 0; i < field.combo->count(); ++i) {
      const QString value = field.combo->itemData(i).toString();
      const QString label = field.combo->itemData(i, Qt::UserRole + 1).toString();
      QString shown = label;
      if (value.isEmpty() && !defaultLabel.isEmpty()) {
        shown = tr("%1 (%2)").arg(label, defaultLabel);
      } else if (field.row.markDefault && !value.isEmpty() && value == fallback &&
                 field.combo->findData(QString()) < 0) {
        shown = tr("%1 (default)").arg(label);
      }
      if (field.combo->itemText(i) != shown) field.combo->setItemText(i, shown);
    }
  }
  if (derivedNote_) derivedNote_->setText(derived.note);
  for (auto it = rowNotes_.begin(); it != rowNotes_.end(); ++it) {
    const QString text = derived.notes.value(it.key());
    it.value()->setText(text);
    it.value()->setVisible(!text.isEmpty());
    fitNoteHeight(it.value());
  }
  markChanged(defaults);
  updating_ = false;
}

void ConfigForm::markChanged(const FormValues& defaults) {
  for (Field& field : fields_) {
    const QString value = derived_.contains(field.row.key) ? QString() : text(field);
    const QString fallback = defaults.value(field.row.key);
    const bool changed = !value.isEmpty() && value != fallback;
    if (field.caption->font().bold() == changed) continue;
    QFont font = field.caption->font();
    font.setBold(changed);
    field.caption->setFont(font);
    const QString tip = field.line ? field.line->toolTip() : field.combo->toolTip();
    field.caption->setToolTip(
        changed ? tip + (fallback.isEmpty() ? tr("\nSet (unset by default).")
                                            : tr("\nDiffers from the default, %1.").arg(fallback))
                : tip);
  }
}

QStringList ConfigForm::changedKeys() const {
  QStringList keys;
  for (const Field& field : fields_)
    if (field.caption->font().bold()) keys << field.row.key;
  return keys;
}

void ConfigForm::resetToDefaults() {
  if (active_) return;
  FormValues kept;
  for (const Field& field : fields_) {
    if (field.row.editor == FormRow::Editor::DataSet) kept.insert(field.row.key, text(field));
  }
  setValues(kept);
  setBack_.clear();
  setBackBar_->setVisible(false);
  Q_EMIT edited();
}

QString ConfigForm::plainLabel(const FormRow& row) {
  QString label = row.label;
  label.remove(QLatin1Char('&'));
  return label;
}

void ConfigForm::endRun() {
  // The live settings changed while the run trained go back to their values at its start.
  setBack_.clear();
  QStringList said;
  const FormValues current = values();
  for (Field& field : fields_) {
    if (!field.row.live || !runStart_.contains(field.row.key)) continue;
    const QString now = current.value(field.row.key);
    const QString before = runStart_.value(field.row.key);
    if (now == before) continue;
    setBack_.insert(field.row.key, now);
    said << tr("%1 %2 → %3")
                .arg(plainLabel(field.row), now.isEmpty() ? tr("default") : now,
                     before.isEmpty() ? tr("default") : before);
  }
  if (setBack_.isEmpty()) return;
  for (auto it = setBack_.cbegin(); it != setBack_.cend(); ++it)
    showValue(it.key(), runStart_.value(it.key()));
  setBackNote_->setText(tr("Changed while the last run trained, set back for the next run: %1.")
                            .arg(said.join(QStringLiteral("; "))));
  setBackBar_->setVisible(true);
  Q_EMIT edited();
}

void ConfigForm::keepRunValues() {
  for (auto it = setBack_.cbegin(); it != setBack_.cend(); ++it) showValue(it.key(), it.value());
  setBack_.clear();
  setBackBar_->setVisible(false);
  Q_EMIT edited();
}

void ConfigForm::chooseDatasetFile(bool folder) {
  Field* dataSet = nullptr;
  for (Field& field : fields_) {
    if (field.row.editor == FormRow::Editor::DataSet) dataSet = &field;
  }
  if (!dataSet) return;
  const QString path =
      folder ? QFileDialog::getExistingDirectory(this, tr("Choose a folder of images"))
             : QFileDialog::getOpenFileName(
                   this, tr("Choose an IDX images file or mnist.npz"), QString(),
                   tr("IDX images or NumPy archives (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.idx.gz "
                      "*.npz);;All files (*)"));
  updating_ = true;
  setText(*dataSet, path.isEmpty() ? dataSet->confirmed : path);  // cancelled: the one before
  updating_ = false;
  refresh();
  confirm(*dataSet);
}

void ConfigForm::setDatasets(const QList<QPair<QString, QString>>& datasets) {
  for (Field& dataSet : fields_) {
    if (dataSet.row.editor != FormRow::Editor::DataSet) continue;
    const QString current = text(dataSet);
    updating_ = true;
    for (const auto& [label, path] : datasets) {
      if (dataSet.combo->findData(path) >= 0) continue;
      const int at = dataSet.combo->count() - kChoosers;
      dataSet.combo->insertItem(at, label, path);
      dataSet.combo->setItemData(at, label, Qt::UserRole + 1);
      dataSet.combo->setItemData(at, path, Qt::ToolTipRole);
    }
    setText(dataSet, current);
    updating_ = false;
  }
}

void ConfigForm::setValues(const FormValues& values) {
  hidden_ = values;
  for (const Field& field : fields_) hidden_.remove(field.row.key);
  updating_ = true;
  for (Field& field : fields_) setText(field, values.value(field.row.key));
  // Of rows that exclude each other, the one with a value is the setting (the first when neither
  // has one).
  derived_.clear();
  for (const Field& field : fields_) {
    if (field.row.excludes.isEmpty() || derived_.contains(field.row.key) ||
        derived_.contains(field.row.excludes))
      continue;
    const bool set = !values.value(field.row.key).isEmpty();
    const bool otherSet = !values.value(field.row.excludes).isEmpty();
    derived_.append(otherSet && !set ? field.row.key : field.row.excludes);
  }
  for (const Field& field : fields_) {
    if (!field.row.linkedWith.isEmpty() && linkButton_ &&
        (!values.value(field.row.key).isEmpty() || !values.value(field.row.linkedWith).isEmpty())) {
      linkButton_->setChecked(values.value(field.row.key) == values.value(field.row.linkedWith));
    }
  }
  updating_ = false;
  refresh();
  for (Field& field : fields_) {
    validate(field);
    field.confirmed = text(field);
  }
  if (active_) runStart_ = this->values();  // the run's own settings (resumed, watched)
}

void ConfigForm::showValue(const QString& key, const QString& text) {
  Field* field = find(key);
  if (!field) return;
  if (!field->row.excludes.isEmpty() && !text.isEmpty() && derived_.contains(key)) {
    derived_.removeAll(key);  // set now: the other one is derived
    derived_.append(field->row.excludes);
  }
  if (derived_.contains(key)) return;  // shows what the other one comes to
  updating_ = true;
  setText(*field, text);
  field->confirmed = this->text(*field);
  updating_ = false;
  validate(*field);
  refresh();
}

FormValues ConfigForm::values() const {
  FormValues out = hidden_;
  for (const Field& field : fields_) out.insert(field.row.key, text(field));
  // Only the rows the person set are part of the configuration; the others are derived.
  for (const QString& key : derived_) out.insert(key, QString());
  return out;
}

QStringList ConfigForm::invalidKeys() const {
  QStringList keys;
  for (const Field& field : fields_) {
    if (services_.check && !services_.check(field.row.key, text(field)).isEmpty())
      keys << field.row.key;
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
  if (active == active_) return;
  active_ = active;
  if (active) {
    runStart_ = values();
    setBack_.clear();
    setBackBar_->setVisible(false);
  } else {
    endRun();
  }
  resetButton_->setEnabled(!active);
  for (Field& field : fields_) {
    if (!field.row.live)
      (field.line ? static_cast<QWidget*>(field.line) : field.combo)->setEnabled(!active);
  }
  restartNote_->setVisible(active);
}

bool ConfigForm::isLive(const QString& key) const {
  const Field* field = find(key);
  return field && field->row.live;
}

bool ConfigForm::rowsLinked() const { return linkButton_ && linkButton_->isChecked(); }
void ConfigForm::setRowsLinked(bool linked) {
  if (linkButton_) linkButton_->setChecked(linked);
}

QWidget* ConfigForm::editor(const QString& key) const {
  const Field* field = find(key);
  if (!field) return nullptr;
  return field->line ? static_cast<QWidget*>(field->line) : field->combo;
}

}  // namespace ui
