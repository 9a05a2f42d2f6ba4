// The run settings as a form, built from rows the app describes (FormRow: the model's field table,
// translated), so the form knows no key of its own. Values are the configuration file's keys and
// texts, so the window and the CLI share one vocabulary; an empty text means "the default" (shown
// greyed as a placeholder, and as "Automatic (…)" or "… (default)" in a list of choices).
//
// Every value is validated as it is typed (by the app, which owns the configuration rules) with the
// reason beside the field. While a run is active, the rows that need a restart are locked and say
// so; the live ones are applied at the next iteration when their edit is confirmed (Enter or
// leaving the field). Two linked rows (the learning rates) are edited together until unlinked;
// of two rows that exclude each other (the length in iterations or in epochs) the one the person
// set is the setting and the other shows what it comes to (FormServices::derive).
#pragma once

#include <QMap>
#include <QString>
#include <QVector>
#include <QWidget>
#include <functional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace ui {

using FormValues = QMap<QString, QString>;

struct FormChoice {
  QString value;  // "" for a choice that leaves the key unset (an optional row's "Automatic")
  QString label;
  QString tip;
};

struct FormRow {
  enum class Editor { Line, Choice, DataSet };
  QString key;
  QString group;  // the title of the group box it sits in
  QString label;  // with a mnemonic
  QString tip;    // what the key does
  Editor editor = Editor::Line;
  QVector<FormChoice> choices;  // a Choice's or a DataSet's fixed choices
  bool live = false;            // may change while a run trains
  bool text = false;            // takes any text: letters go to the field, not to the window
  bool markDefault = true;      // a Choice says which of its choices is the default
  QString linkedWith;           // the row edited together with this one while linked
  QString excludes;             // the row this one replaces when set
  bool noted = false;           // a note under it says what to expect (FormDerived::notes)
};

// What a row the person did not set shows: a text of its own or a placeholder, and a note under
// the rows that exclude each other.
struct FormDerived {
  FormValues texts;
  FormValues placeholders;
  QString note;
  FormValues notes;  // key -> the note under a `noted` row ("" hides it)
};

struct FormServices {
  QVector<FormRow> rows;  // in the form's order; consecutive rows of one group share a box
  // Why `text` is not acceptable for `key` ("" when it is).
  std::function<QString(const QString& key, const QString& text)> check;
  // A warning for an acceptable but unusual value ("" when usual): shown, never refused.
  std::function<QString(const QString& key, const QString& text)> advise;
  // What an empty field stands for, given the other values (the preset's rate, the preset's
  // loop), as the row's text or one of its choices' values, for every key that has one.
  std::function<FormValues(const FormValues& values)> defaults;
  // What the rows that exclude each other show beside the one set (the length both ways).
  std::function<FormDerived(const FormValues& values)> derive;
};

class ConfigForm : public QWidget {
  Q_OBJECT

 public:
  explicit ConfigForm(FormServices services, QWidget* parent = nullptr);

  // Choices the app adds to the data set row (installed data sets): (label, value) pairs.
  void setDatasets(const QList<QPair<QString, QString>>& datasets);

  void setValues(const FormValues& values);
  // Shows a value the app set (a health action halved a learning rate, another window changed a
  // watched run's setting): the field changes, no edit is reported.
  void showValue(const QString& key, const QString& text);
  FormValues values() const;

  // Keys whose text is not valid now, in form order (empty when all are valid).
  QStringList invalidKeys() const;
  void focusKey(const QString& key);
  QString errorText(const QString& key) const;

  // Locks the settings that need a restart while a run is active. When a run ends, the live
  // settings changed while it trained go back to what they were at its start, and a note above
  // the form names them with a button to keep the run's values instead: nothing carries into the
  // next run by surprise.
  void setRunActive(bool active);
  // The live keys set back when the last run ended ("" when none), and keeping them.
  QStringList setBackKeys() const { return setBack_.keys(); }
  void keepRunValues();

  // The keys whose value differs from its default (their labels are marked), in form order.
  QStringList changedKeys() const;
  // Every setting back to its default, except the data set (Settings → Reset to Defaults).
  void resetToDefaults();
  bool isLive(const QString& key) const;

  // Whether linked rows are edited together (the link button beside the first of them).
  bool rowsLinked() const;
  void setRowsLinked(bool linked);

  // The note under a `noted` row as it reads now (tests).
  QString rowNote(const QString& key) const;
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
    FormRow row;
    QLineEdit* line = nullptr;
    QComboBox* combo = nullptr;
    QLabel* error = nullptr;
    QLabel* caption = nullptr;
    QString confirmed;  // the text last confirmed (for live changes)
  };

  void applyColours();
  QWidget* makeEditor(Field& field);
  void addChoice(QComboBox* combo, const QString& label, const QString& value, const QString& tip);
  Field* find(const QString& key);
  const Field* find(const QString& key) const;
  QString text(const Field& field) const;
  void setText(Field& field, const QString& value);
  bool validate(Field& field);
  void edit(Field& field, const QString& text);
  void confirm(Field& field);
  // Placeholders, the choices' default marks and the derived rows, after any change.
  void refresh();
  // Marks the captions of rows whose value differs from its default.
  void markChanged(const FormValues& defaults);
  void endRun();
  static QString plainLabel(const FormRow& row);
  void chooseDatasetFile(bool folder);

  FormServices services_;
  std::vector<Field> fields_;  // sized once in the constructor: pointers into it stay valid
  QToolButton* linkButton_ = nullptr;
  QLabel* restartNote_ = nullptr;
  QWidget* setBackBar_ = nullptr;
  QLabel* setBackNote_ = nullptr;
  QToolButton* resetButton_ = nullptr;
  FormValues runStart_;  // the values when the active run started (or was shown)
  FormValues setBack_;   // live keys set back at the run's end: key -> the run's value
  QLabel* derivedNote_ = nullptr;
  QMap<QString, QLabel*> rowNotes_;  // the notes under `noted` rows
  // A wrapped note inside the scrolled form gets no more height than its one-line hint by itself:
  // it is given the height its text needs at the width it was laid out at.
  void fitNoteHeight(QLabel* note);
  QStringList derived_;  // of rows that exclude each other, those the person did not set
  FormValues hidden_;    // keys the form does not show (widths, threads, ...): kept as they came
  bool active_ = false;
  bool updating_ = false;
  bool updatingColours_ = false;
};

}  // namespace ui
