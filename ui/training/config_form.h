// The run settings as a form: preset, data set, batch size, noise dimension, length (iterations and
// epochs, each updating the other), learning rates (linked unless unlinked), Adam betas, seed,
// device, intervals. Values are the configuration file's keys and YAML texts, so the window and the
// CLI share one vocabulary; an empty text means "the default" (shown greyed as a placeholder).
//
// Every value is validated as it is typed (by the app, which owns the configuration rules) with the
// reason beside the field. While a run is active, the settings that need a restart are locked and
// say so; the live ones (FormServices::isLive: learning rates, betas, length, sample interval) are
// applied at the next iteration when their edit is confirmed (Enter or leaving the field).
#pragma once

#include <QMap>
#include <QString>
#include <QWidget>
#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace ui {

using FormValues = QMap<QString, QString>;

struct FormServices {
  // Why `text` is not acceptable for `key` ("" when it is).
  std::function<QString(const QString& key, const QString& text)> check;
  // One line about the key (tooltips).
  std::function<QString(const QString& key)> describe;
  // The value an empty field stands for, given the other values (for example the preset's rate).
  std::function<QString(const FormValues& values, const QString& key)> defaultFor;
  // Whether the key may change while a run trains (the configuration's field table says).
  std::function<bool(const QString& key)> isLive;
  // A warning for an acceptable but unusual value ("" when usual): shown, never refused.
  std::function<QString(const QString& key, const QString& text)> advise;
  // How many images the data set at `path` holds (0 when unknown).
  std::function<qint64(const QString& path)> datasetSize;
};

class ConfigForm : public QWidget {
  Q_OBJECT

 public:
  explicit ConfigForm(FormServices services, QWidget* parent = nullptr);

  // Choices the app offers: (label, value) pairs.
  void setDatasets(const QList<QPair<QString, QString>>& datasets);
  void setDevices(const QList<QPair<QString, QString>>& devices);

  void setValues(const FormValues& values);
  // Shows a value the app set (a health action halved a learning rate): the field changes, no
  // edit is reported.
  void showValue(const QString& key, const QString& text);
  FormValues values() const;

  // Keys whose text is not valid now, in form order (empty when all are valid).
  QStringList invalidKeys() const;
  void focusKey(const QString& key);
  QString errorText(const QString& key) const;

  // Locks the settings that need a restart while a run is active.
  void setRunActive(bool active);
  bool isLive(const QString& key) const;

  bool learningRatesLinked() const;
  void setLearningRatesLinked(bool linked);

  // Direct access for tests: the editor of a key (a QLineEdit or a QComboBox).
  QWidget* editor(const QString& key) const;

 Q_SIGNALS:
  // Confirmed edits of live keys while a run is active: key -> new text.
  void liveChanged(const ui::FormValues& changes);
  // Any confirmed change (the app remembers the configuration for the next start).
  void edited();

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Field {
    QString key;
    bool live = false;
    QLineEdit* line = nullptr;
    QComboBox* combo = nullptr;
    QLabel* error = nullptr;
    QString confirmed;  // the text last confirmed (for live changes)
  };

  void applyColours();
  Field& addLine(const QString& key);
  Field& addCombo(const QString& key);
  void addChoice(Field& field, const QString& label, const QString& value, const QString& tip);
  Field* find(const QString& key);
  const Field* find(const QString& key) const;
  QString text(const Field& field) const;
  void setText(Field& field, const QString& text);
  bool validate(Field& field);
  void confirm(Field& field);
  void updatePlaceholders();
  void updateLength(const QString& editedKey);
  void chooseDatasetFile(bool folder);
  qint64 datasetSize() const;

  FormServices services_;
  std::vector<Field> fields_;
  QToolButton* linkButton_ = nullptr;
  QLabel* restartNote_ = nullptr;
  QLabel* lengthNote_ = nullptr;
  QString lengthUnit_ = QStringLiteral("training.iterations");  // the one the person set
  FormValues hidden_;  // keys the form does not show (widths, threads, ...): kept as they came
  bool active_ = false;
  bool updating_ = false;
  bool updatingColours_ = false;
};

}  // namespace ui
