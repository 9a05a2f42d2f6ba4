#include "ui/training/config_form.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

namespace {

// Rows and rules like the app's, small enough to read: positive numbers, whole batch sizes, a
// length in iterations or epochs over 10,000 images.
ui::FormServices services() {
  ui::FormServices s;
  auto row = [](const QString& key, const QString& group, bool live) {
    ui::FormRow r;
    r.key = key;
    r.group = group;
    r.label = key;
    r.tip = QStringLiteral("about ") + key;
    r.live = live;
    return r;
  };
  ui::FormRow preset = row(QStringLiteral("model.preset"), QStringLiteral("Model"), false);
  preset.editor = ui::FormRow::Editor::Choice;
  preset.choices = {{QString(), QStringLiteral("Automatic"), QString()},
                    {QStringLiteral("seed"), QStringLiteral("seed"), QString()},
                    {QStringLiteral("compact"), QStringLiteral("compact"), QString()}};
  ui::FormRow size = row(QStringLiteral("data.image_size"), QStringLiteral("Model"), false);
  size.editor = ui::FormRow::Editor::Choice;
  size.choices = {{QStringLiteral("28"), QStringLiteral("28 × 28"), QString()},
                  {QStringLiteral("64"), QStringLiteral("64 × 64"), QString()}};
  size.noted = true;
  ui::FormRow iterations =
      row(QStringLiteral("training.iterations"), QStringLiteral("Length"), true);
  iterations.excludes = QStringLiteral("training.epochs");
  ui::FormRow epochs = row(QStringLiteral("training.epochs"), QStringLiteral("Length"), true);
  epochs.excludes = QStringLiteral("training.iterations");
  ui::FormRow lrD = row(QStringLiteral("training.learning_rate_d"), QStringLiteral("Adam"), true);
  lrD.linkedWith = QStringLiteral("training.learning_rate_g");
  ui::FormRow lrG = row(QStringLiteral("training.learning_rate_g"), QStringLiteral("Adam"), true);
  lrG.linkedWith = QStringLiteral("training.learning_rate_d");
  ui::FormRow folder = row(QStringLiteral("outputs.run_dir"), QStringLiteral("Outputs"), false);
  folder.text = true;
  s.rows = {preset,
            size,
            row(QStringLiteral("training.batch_size"), QStringLiteral("Model"), false),
            iterations,
            epochs,
            lrD,
            lrG,
            row(QStringLiteral("training.beta1"), QStringLiteral("Adam"), true),
            row(QStringLiteral("outputs.sample_every"), QStringLiteral("Outputs"), true),
            folder};
  s.check = [](const QString& key, const QString& text) -> QString {
    if (text.isEmpty()) return {};
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (key.startsWith(QLatin1String("training.learning_rate")) && (!ok || value <= 0)) {
      return key + QStringLiteral(" must be > 0, got ") + text;
    }
    if (key == QLatin1String("training.batch_size") &&
        (!ok || value < 1 || value != std::floor(value))) {
      return key + QStringLiteral(" must be a whole number, got '") + text + QStringLiteral("'");
    }
    return {};
  };
  s.defaults = [](const ui::FormValues&) {
    return ui::FormValues{{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.0002")},
                          {QStringLiteral("model.preset"), QStringLiteral("compact")},
                          {QStringLiteral("data.image_size"), QStringLiteral("28")}};
  };
  s.derive = [](const ui::FormValues& values) {
    ui::FormDerived derived;
    const QString batchText = values.value(QStringLiteral("training.batch_size"));
    const double batch = batchText.isEmpty() ? 64 : batchText.toDouble();
    const QString iterationsSet = values.value(QStringLiteral("training.iterations"));
    const QString epochsSet = values.value(QStringLiteral("training.epochs"));
    if (!epochsSet.isEmpty()) {
      derived.texts[QStringLiteral("training.iterations")] =
          QString::number(static_cast<qint64>(std::ceil(epochsSet.toDouble() * 10000 / batch)));
    } else if (!iterationsSet.isEmpty()) {
      derived.texts[QStringLiteral("training.epochs")] =
          QString::number(iterationsSet.toDouble() * batch / 10000, 'g', 4);
    }
    derived.note = QStringLiteral("one epoch: %1 iterations").arg(std::ceil(10000 / batch));
    // What to expect: said for the larger size only.
    if (values.value(QStringLiteral("data.image_size")) == QLatin1String("64"))
      derived.notes[QStringLiteral("data.image_size")] = QStringLiteral("slower at 64");
    return derived;
  };
  return s;
}

QLineEdit* line(ui::ConfigForm& form, const QString& key) {
  return qobject_cast<QLineEdit*>(form.editor(key));
}

void type(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  edit->selectAll();
  QTest::keyClicks(edit, text);
}

}  // namespace

class ConfigFormTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void validatesAsTypedWithTheReason() {
    ui::ConfigForm form(services());
    form.setValues({{QStringLiteral("training.batch_size"), QStringLiteral("64")}});
    type(line(form, QStringLiteral("training.batch_size")), QStringLiteral("6.5"));
    QCOMPARE(form.errorText(QStringLiteral("training.batch_size")),
             QStringLiteral("training.batch_size must be a whole number, got '6.5'"));
    QCOMPARE(form.invalidKeys(), QStringList{QStringLiteral("training.batch_size")});
    type(line(form, QStringLiteral("training.batch_size")), QStringLiteral("32"));
    QCOMPARE(form.errorText(QStringLiteral("training.batch_size")), QString());
    QVERIFY(form.invalidKeys().isEmpty());
  }

  void learningRatesAreLinkedUntilUnlinked() {
    ui::ConfigForm form(services());
    form.setValues({});
    QVERIFY(form.rowsLinked());
    type(line(form, QStringLiteral("training.learning_rate_d")), QStringLiteral("0.001"));
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_g")),
             QStringLiteral("0.001"));
    form.setRowsLinked(false);
    type(line(form, QStringLiteral("training.learning_rate_d")), QStringLiteral("0.003"));
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_g")),
             QStringLiteral("0.001"));
  }

  void lengthInEpochsAndIterationsUpdateEachOther() {
    ui::ConfigForm form(services());
    form.setValues({{QStringLiteral("training.batch_size"), QStringLiteral("64")}});
    type(line(form, QStringLiteral("training.iterations")), QStringLiteral("1000"));
    QCOMPARE(line(form, QStringLiteral("training.epochs"))->text(), QStringLiteral("6.4"));
    type(line(form, QStringLiteral("training.epochs")), QStringLiteral("2"));
    QCOMPARE(line(form, QStringLiteral("training.iterations"))->text(), QStringLiteral("313"));
    // Only the one the person set is part of the configuration.
    QCOMPARE(form.values().value(QStringLiteral("training.epochs")), QStringLiteral("2"));
    QCOMPARE(form.values().value(QStringLiteral("training.iterations")), QString());
  }

  void liveEditsAreSentWhenConfirmedDuringARun() {
    ui::ConfigForm form(services());
    form.setValues({});
    QSignalSpy live(&form, &ui::ConfigForm::liveChanged);
    form.setRunActive(true);
    QLineEdit* lr = line(form, QStringLiteral("training.learning_rate_d"));
    type(lr, QStringLiteral("0.0005"));
    QCOMPARE(live.count(), 0);  // not while typing
    QTest::keyClick(lr, Qt::Key_Return);
    QCOMPARE(live.count(), 1);
    const auto changes = live.at(0).at(0).value<ui::FormValues>();
    QCOMPARE(changes.value(QStringLiteral("training.learning_rate_d")), QStringLiteral("0.0005"));
    QCOMPARE(changes.value(QStringLiteral("training.learning_rate_g")), QStringLiteral("0.0005"));
    // An invalid value is never sent.
    type(lr, QStringLiteral("-1"));
    QTest::keyClick(lr, Qt::Key_Return);
    QCOMPARE(live.count(), 1);
  }

  void settingsThatNeedARestartAreLockedDuringARun() {
    ui::ConfigForm form(services());
    form.setValues({});
    form.setRunActive(true);
    QVERIFY(!form.editor(QStringLiteral("model.preset"))->isEnabled());
    QVERIFY(!form.editor(QStringLiteral("training.batch_size"))->isEnabled());
    QVERIFY(form.editor(QStringLiteral("training.learning_rate_d"))->isEnabled());
    QVERIFY(form.editor(QStringLiteral("outputs.sample_every"))->isEnabled());
    QVERIFY(
        form.editor(QStringLiteral("model.preset"))->toolTip().contains(QStringLiteral("restart")));
    form.setRunActive(false);
    QVERIFY(form.editor(QStringLiteral("model.preset"))->isEnabled());
  }

  void keepsKeysItDoesNotShow() {
    ui::ConfigForm form(services());
    form.setValues({{QStringLiteral("model.g_widths"), QStringLiteral("[16, 8, 4]")},
                    {QStringLiteral("model.preset"), QStringLiteral("compact")}});
    QCOMPARE(form.values().value(QStringLiteral("model.g_widths")), QStringLiteral("[16, 8, 4]"));
    QCOMPARE(form.values().value(QStringLiteral("model.preset")), QStringLiteral("compact"));
  }

  void emptyFieldsShowTheirDefault() {
    ui::ConfigForm form(services());
    form.setValues({});
    QCOMPARE(line(form, QStringLiteral("training.learning_rate_d"))->placeholderText(),
             QStringLiteral("0.0002 (default)"));
    // Lists say what unset stands for, or which choice is the default.
    auto* preset = qobject_cast<QComboBox*>(form.editor(QStringLiteral("model.preset")));
    QCOMPARE(preset->currentText(), QStringLiteral("Automatic (compact)"));
    QCOMPARE(form.values().value(QStringLiteral("model.preset")), QString());
    auto* size = qobject_cast<QComboBox*>(form.editor(QStringLiteral("data.image_size")));
    QCOMPARE(size->currentText(), QStringLiteral("28 × 28 (default)"));
    QCOMPARE(size->itemText(1), QStringLiteral("64 × 64"));
    // A value the configuration holds that the list does not offer is shown, not lost.
    form.setValues({{QStringLiteral("model.preset"), QStringLiteral("seed")},
                    {QStringLiteral("data.image_size"), QStringLiteral("32")}});
    QCOMPARE(preset->currentText(), QStringLiteral("seed"));
    QCOMPARE(form.values().value(QStringLiteral("data.image_size")), QStringLiteral("32"));
  }

  void valuesThatDifferFromTheDefaultsAreMarkedAndReset() {
    ui::ConfigForm form(services());
    form.setValues({{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.0002")},
                    {QStringLiteral("training.learning_rate_g"), QStringLiteral("0.0002")}});
    // 0.0002 is D's default: not marked; G has no default here, so set is "differs".
    QCOMPARE(form.changedKeys(), QStringList{QStringLiteral("training.learning_rate_g")});
    form.setValues({{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.001")},
                    {QStringLiteral("model.preset"), QStringLiteral("seed")},
                    {QStringLiteral("training.batch_size"), QStringLiteral("32")}});
    QCOMPARE(form.changedKeys(),
             (QStringList{QStringLiteral("model.preset"), QStringLiteral("training.batch_size"),
                          QStringLiteral("training.learning_rate_d")}));
    QSignalSpy edited(&form, &ui::ConfigForm::edited);
    QToolButton* reset = nullptr;
    for (QToolButton* button : form.findChildren<QToolButton*>())
      if (button->text() == QStringLiteral("Reset to Def&aults")) reset = button;
    QVERIFY(reset);
    reset->click();
    QVERIFY(form.changedKeys().isEmpty());
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_d")), QString());
    QCOMPARE(edited.count(), 1);
    form.setRunActive(true);
    QVERIFY(!reset->isEnabled());  // not in the middle of a run
  }

  void liveChangesOfAnEndedRunAreSetBackUnlessKept() {
    ui::ConfigForm form(services());
    form.setRowsLinked(false);
    form.setValues({{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.0002")},
                    {QStringLiteral("training.batch_size"), QStringLiteral("32")}});
    form.setRunActive(true);
    // A health action halved D's rate while it trained.
    form.showValue(QStringLiteral("training.learning_rate_d"), QStringLiteral("0.0001"));
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_d")),
             QStringLiteral("0.0001"));
    QVERIFY(form.setBackKeys().isEmpty());
    QSignalSpy live(&form, &ui::ConfigForm::liveChanged);
    form.setRunActive(false);  // it ended: the next run starts from the run's first values
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_d")),
             QStringLiteral("0.0002"));
    QCOMPARE(form.values().value(QStringLiteral("training.batch_size")), QStringLiteral("32"));
    QCOMPARE(form.setBackKeys(), QStringList{QStringLiteral("training.learning_rate_d")});
    QCOMPARE(live.count(), 0);  // nothing is sent to a run that has ended
    // Said on the form, with the values both ways.
    QLabel* note = nullptr;
    for (QLabel* label : form.findChildren<QLabel*>())
      if (label->text().startsWith(QStringLiteral("Changed while the last run trained")))
        note = label;
    QVERIFY(note && note->isVisibleTo(&form));
    QVERIFY2(note->text().contains(QStringLiteral("0.0001 → 0.0002")), qPrintable(note->text()));
    form.keepRunValues();
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_d")),
             QStringLiteral("0.0001"));
    QVERIFY(!note->isVisibleTo(&form));
    // A run's own settings shown while it is active (a resumed run) are its start.
    form.setRunActive(true);
    form.setValues({{QStringLiteral("training.learning_rate_d"), QStringLiteral("0.003")}});
    form.setRunActive(false);
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_d")),
             QStringLiteral("0.003"));
    QVERIFY(form.setBackKeys().isEmpty());
  }

  void aDataSetIsNamedByItsFolderAndName() {
    ui::FormServices s = services();
    ui::FormRow data;
    data.key = QStringLiteral("data.path");
    data.group = QStringLiteral("Data");
    data.label = QStringLiteral("&Data set");
    data.editor = ui::FormRow::Editor::DataSet;
    s.rows.prepend(data);
    ui::ConfigForm form(s);
    form.setValues({{QStringLiteral("data.path"), QStringLiteral("/home/a/icons/train")}});
    auto* combo = qobject_cast<QComboBox*>(form.editor(QStringLiteral("data.path")));
    QCOMPARE(combo->currentText(), QStringLiteral("…/icons/train"));
    QCOMPARE(combo->itemData(combo->currentIndex(), Qt::ToolTipRole).toString(),
             QStringLiteral("/home/a/icons/train"));
    QCOMPARE(form.values().value(QStringLiteral("data.path")),
             QStringLiteral("/home/a/icons/train"));
    // Reset to defaults keeps the data set.
    form.resetToDefaults();
    QCOMPARE(form.values().value(QStringLiteral("data.path")),
             QStringLiteral("/home/a/icons/train"));
  }

  void aNoteUnderARowSaysWhatToExpectAndFollowsItsValue() {
    ui::ConfigForm form(services());
    form.show();
    const QString key = QStringLiteral("data.image_size");
    auto* note = form.findChild<QLabel*>(QStringLiteral("note:") + key);
    QVERIFY(note);
    QVERIFY(note->isHidden());  // nothing to say at 28
    auto* size = qobject_cast<QComboBox*>(form.editor(key));
    size->setCurrentIndex(size->findData(QStringLiteral("64")));
    QCOMPARE(form.rowNote(key), QStringLiteral("slower at 64"));
    QVERIFY(note->isVisible());
    size->setCurrentIndex(size->findData(QStringLiteral("28")));
    QVERIFY(note->isHidden());
  }

  void derivedRowsFollowAndAWatchedChangeSwitchesWhichIsSet() {
    ui::ConfigForm form(services());
    form.setValues({{QStringLiteral("training.iterations"), QStringLiteral("500")}});
    QCOMPARE(line(form, QStringLiteral("training.epochs"))->text(), QStringLiteral("3.2"));
    // Another sender set the length in epochs: the form shows it as set, iterations derived.
    form.showValue(QStringLiteral("training.epochs"), QStringLiteral("1.0"));
    QCOMPARE(form.values().value(QStringLiteral("training.epochs")), QStringLiteral("1.0"));
    QCOMPARE(form.values().value(QStringLiteral("training.iterations")), QString());
    QCOMPARE(line(form, QStringLiteral("training.iterations"))->text(), QStringLiteral("157"));
  }
};

QTEST_MAIN(ConfigFormTest)
#include "config_form_test.moc"
