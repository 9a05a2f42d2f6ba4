#include "app/gui/runs/run_rows.h"

#include <QObject>
#include <cmath>
#include <set>

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

ui::RunRow toRunRow(const gs::RunSummary& run) {
  ui::RunRow row;
  row.path = q(run.path);
  row.name = q(run.name);
  row.started = q(run.started);
  row.preset = q(run.preset);
  row.data = q(run.data);
  for (const std::string& name : run.class_names) row.classNames << q(name);
  row.done = run.done;
  row.planned = run.planned;
  row.state = q(run.state);
  if (run.fd && std::isfinite(*run.fd)) {
    row.quality = run.classes > 0 ? QObject::tr("FD %1 · %2/%3")
                                        .arg(*run.fd, 0, 'f', 2)
                                        .arg(run.classes_covered)
                                        .arg(run.classes)
                                  : QObject::tr("FD %1").arg(*run.fd, 0, 'f', 2);
  }
  QStringList kept;
  for (const int64_t c : run.checkpoints) kept << QString::number(c);
  row.checkpoints = kept.join(QStringLiteral(", "));
  row.bytes = static_cast<qint64>(run.bytes);
  if (run.parent) {
    row.parent = q(run.parent->run);
    row.parentIteration = run.parent->iteration;
  }
  row.note = q(run.note);
  row.problem = q(run.problem);
  return row;
}

ui::SweepData toSweepData(const gs::SweepSummary& sweep) {
  ui::SweepData data;
  data.path = q(sweep.path);
  data.name = q(sweep.name);
  data.method = q(sweep.method);
  data.budget = q(sweep.budget);
  data.parallel = sweep.parallel;
  data.best = q(sweep.best);
  data.problem = q(sweep.problem);
  for (const gs::Dimension& dimension : sweep.space) {
    ui::SweepAxis axis;
    axis.key = q(dimension.key);
    axis.log = dimension.kind == gs::Dimension::Kind::Log;
    if (dimension.kind == gs::Dimension::Kind::List) {
      // A list of numbers is a numeric axis; of words, one tick per word.
      bool numbers = true;
      for (const std::string& value : dimension.values) {
        bool ok = false;
        q(value).toDouble(&ok);
        numbers = numbers && ok;
      }
      if (!numbers) {
        for (const std::string& value : dimension.values) axis.categories << q(value);
      }
    }
    data.axes.append(axis);
  }
  for (const gs::SweepTrialSummary& trial : sweep.trials) {
    ui::SweepTrial row;
    row.name = q(trial.name);
    row.path = q(trial.path);
    row.state = q(trial.state);
    for (const gs::Dimension& dimension : sweep.space) {
      const auto found = trial.settings.find(dimension.key);
      row.values << (found != trial.settings.end() ? q(found->second) : QString());
    }
    if (trial.fd) row.fd = *trial.fd;
    if (trial.classes > 0)
      row.classes = QStringLiteral("%1/%2").arg(trial.classes_covered).arg(trial.classes);
    row.rank = trial.rank;
    row.iterations = trial.iterations;
    row.seconds = trial.seconds;
    data.trials.append(row);
    if (trial.run) {
      ui::RunRow run = toRunRow(*trial.run);
      run.name = row.name;  // the trial's name: its folder's, unless a person renamed it
      if (!trial.run->name.empty() && trial.run->name != trial.name) run.name = q(trial.run->name);
      data.runs.append(run);
    }
  }
  return data;
}

}  // namespace app
