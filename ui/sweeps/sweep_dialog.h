// The Sweep dialog: what to sweep (settings from the form's keys, each with values or a log or
// linear range), the method (grid, random, successive halving), trials, the whole sweep's budget,
// trials at a time, the seed and the sweep's folder; "Quick Sweep" fills in the quick sweep. The
// app checks the request (a validator that names the key or value it refuses) before the dialog
// closes, and starts `ganstudio-cli sweep` with arguments().
#pragma once

#include <QDialog>
#include <QStringList>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace ui {

struct SweepRequest {
  QStringList sets;  // key=v1,v2 / key=log:A..B / key=lin:A..B
  QString method = QStringLiteral("halving");
  int trials = 8;
  QString budget = QStringLiteral("10m");
  int parallel = 1;
  int seed = 0;
  QString folder;
  // The CLI's arguments after `ganstudio-cli`.
  QStringList arguments() const;
};

class SweepDialog : public QDialog {
  Q_OBJECT

 public:
  // `keys`: the settings a sweep may vary (the form's keys); `folder`: a new folder's suggestion.
  SweepDialog(const QStringList& keys, const QString& folder, QWidget* parent = nullptr);

  // The quick sweep's space, trials and budget (the Quick Sweep button fills them in).
  void setQuickSweep(const QStringList& assignments, int trials, const QString& budget);
  void applyQuickSweep();
  // Returns "" for a request it takes, else why not (shown in the dialog, which stays open).
  void setValidator(std::function<QString(const SweepRequest&)> validator);
  void addSetting(const QString& key = {}, const QString& kind = {}, const QString& values = {});
  void setMethod(const QString& method);
  void setBudget(const QString& budget);
  void setParallel(int trials);
  void setFolder(const QString& folder);
  SweepRequest request() const;
  QString problem() const;  // the validator's last answer

  void accept() override;

 private:
  void methodChanged();

  QStringList keys_;
  QTableWidget* rows_;
  QComboBox* method_;
  QSpinBox* trials_;
  QLineEdit* budget_;
  QSpinBox* parallel_;
  QSpinBox* seed_;
  QLineEdit* folder_;
  QLabel* problem_;
  QStringList quickSpace_;
  int quickTrials_ = 8;
  QString quickBudget_ = QStringLiteral("10m");
  std::function<QString(const SweepRequest&)> validator_;
};

}  // namespace ui
