#include "ui/training/config_form.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

namespace {

// Rules like the app's, small enough to read: positive numbers, whole batch sizes.
ui::FormServices services() {
  ui::FormServices s;
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
  s.describe = [](const QString& key) { return QStringLiteral("about ") + key; };
  s.defaultFor = [](const ui::FormValues&, const QString& key) -> QString {
    return key == QLatin1String("training.learning_rate_d") ? QStringLiteral("0.0002") : QString();
  };
  s.datasetSize = [](const QString&) -> qint64 { return 10000; };
  s.isLive = [](const QString& key) {
    return key.startsWith(QLatin1String("training.learning_rate")) ||
           key.startsWith(QLatin1String("training.beta")) ||
           key == QLatin1String("training.iterations") || key == QLatin1String("training.epochs") ||
           key == QLatin1String("outputs.sample_every");
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
    QVERIFY(form.learningRatesLinked());
    type(line(form, QStringLiteral("training.learning_rate_d")), QStringLiteral("0.001"));
    QCOMPARE(form.values().value(QStringLiteral("training.learning_rate_g")),
             QStringLiteral("0.001"));
    form.setLearningRatesLinked(false);
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
  }
};

QTEST_MAIN(ConfigFormTest)
#include "config_form_test.moc"
