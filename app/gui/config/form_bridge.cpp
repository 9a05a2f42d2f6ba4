#include "app/gui/config/form_bridge.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QLocale>

#include "app/gui/conversions.h"
#include "model/bench/expected_speed.h"
#include "model/config/keys.h"
#include "model/config/settings.h"
#include "model/data/image_set.h"
#include "model/io/error.h"
#include "model/training/system_info.h"
#include "ui/window/status_line.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

// The configuration the form's values describe, leaving out any that is not valid now.
gs::RunConfig bestEffortConfig(const ui::FormValues& values) {
  gs::RunConfig config;
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (it.value().isEmpty()) continue;
    try {
      gs::set_text(config, it.key().toStdString(), it.value().toStdString(), "the window");
    } catch (const gs::ConfigError&) {
      // an invalid field elsewhere: the defaults without it
    }
  }
  return config;
}

// How many images a data set holds (0 when unknown), remembered per path.
qint64 datasetSize(const QString& path) {
  static QHash<QString, qint64> cache;
  if (cache.contains(path)) return cache.value(path);
  qint64 count = 0;
  try {
    count = gs::count_images(path.toStdString());
  } catch (const gs::Error&) {
    count = 0;
  }
  cache.insert(path, count);
  return count;
}

// What to expect of the chosen size and data set on a CPU (under the image size): the measured
// speed and when recognisable pictures come, and what a small data set means.
QString expectation(const gs::RunConfig& config, qint64 images) {
  QString text;
  if (const std::optional<gs::SpeedExpectation> e = gs::cpu_expectation(config)) {
    const double seconds = static_cast<double>(e->first_pictures) / e->iterations_per_second;
    text = QCoreApplication::translate(
               "app::FormBridge",
               "On a 2-core CPU the default trains about %1 iterations a second at this size "
               "(measured): recognisable pictures after about %2 iterations (%3).")
               .arg(e->iterations_per_second, 0, 'f', e->iterations_per_second < 10 ? 1 : 0)
               .arg(QLocale().toString(static_cast<qlonglong>(e->first_pictures)))
               .arg(ui::StatusLine::formatDuration(seconds));
  }
  if (images > 0 && images < gs::kAugmentBelowImages &&
      config.training.augment.value_or(gs::Augment::DiffAugment) != gs::Augment::Off) {
    text += QLatin1Char(' ') +
            QCoreApplication::translate(
                "app::FormBridge",
                "%1 pictures are few for a GAN: augmentation keeps D from learning them by heart.")
                .arg(QLocale().toString(images));
  } else if (images > 0 && images < gs::kAugmentBelowImages) {
    text += QLatin1Char(' ') + QCoreApplication::translate("app::FormBridge",
                                                           "%1 pictures are few for a GAN: "
                                                           "without augmentation D soon learns "
                                                           "them by heart.")
                                   .arg(QLocale().toString(images));
  }
  return text.trimmed();
}

// A data file is checked when it is chosen, not when training starts (the header only: fast,
// and remembered per path and version of the file).
QString checkDataFile(const QString& path) {
  static QHash<QString, QString> checked;
  const QFileInfo info(path);
  const QString id = path + QLatin1Char('\n') + QString::number(info.size()) + QLatin1Char('\n') +
                     info.lastModified().toString(Qt::ISODateWithMs);
  if (!checked.contains(id)) {
    try {
      gs::count_images(path.toStdString());
      checked.insert(id, QString());
    } catch (const std::exception& error) {
      checked.insert(id, q(error.what()));
    }
  }
  return checked.value(id);
}

ui::FormRow toRow(const gs::SettingInfo& info) {
  ui::FormRow row;
  row.key = q(info.key);
  row.group = settingText(gs::form_group_title(info.group));
  row.label = settingText(info.label);
  row.tip = q(info.help);
  row.live = info.live;
  row.text = info.kind == gs::ValueKind::Text && info.editor == gs::FormEditor::Line;
  row.linkedWith = q(info.linked_with);
  row.excludes = q(info.excludes);
  row.noted = info.key == std::string(gs::keys::kImageSize);
  for (const gs::SettingChoice& choice : info.choices) {
    row.choices.append({q(choice.value), settingText(choice.label), settingText(choice.tip)});
  }
  switch (info.editor) {
    case gs::FormEditor::Line:
      row.editor = ui::FormRow::Editor::Line;
      break;
    case gs::FormEditor::Choice:
      row.editor = ui::FormRow::Editor::Choice;
      break;
    case gs::FormEditor::DataSet:
      row.editor = ui::FormRow::Editor::DataSet;
      for (const auto& [name, path] : gs::installed_image_sets())
        row.choices.append({q(path), q(name), q(path)});
      break;
    case gs::FormEditor::Device:
      // The choices are this machine's devices; their labels say what "auto" means here.
      row.editor = ui::FormRow::Editor::Choice;
      row.markDefault = false;
      for (const auto& [label, value] : deviceChoices()) row.choices.append({value, label, {}});
      break;
  }
  return row;
}

}  // namespace

ui::FormValues toFormValues(const gs::RunConfig& config) {
  ui::FormValues values;
  for (const std::string& key : gs::config_keys()) {
    values.insert(q(key), q(gs::get_value(config, key)));
  }
  return values;
}

bool fromFormValues(const ui::FormValues& values, gs::RunConfig* config, QString* error) {
  gs::RunConfig out;
  // Empty texts are defaults; the form sends at most one of two keys that exclude each other.
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (it.value().isEmpty()) continue;
    try {
      gs::set_text(out, it.key().toStdString(), it.value().toStdString(), "the window");
    } catch (const gs::ConfigError& e) {
      if (error) *error = q(e.what());
      return false;
    }
  }
  *config = out;
  return true;
}

ui::FormServices makeFormServices(bool cuda) {
  ui::FormServices services;
  for (const gs::SettingInfo* info : gs::form_rows()) services.rows.append(toRow(*info));
  services.check = [](const QString& key, const QString& text) {
    QString problem = q(gs::check_value(key.toStdString(), text.toStdString()));
    const gs::SettingInfo* info = gs::setting_info(key.toStdString());
    if (!problem.isEmpty() || text.isEmpty() || !info || info->editor != gs::FormEditor::DataSet)
      return problem;
    return checkDataFile(text);
  };
  services.advise = [](const QString& key, const QString& text) {
    return q(gs::unusual_value(key.toStdString(), text.toStdString()));
  };
  services.defaults = [cuda](const ui::FormValues& values) {
    gs::RunConfig config = bestEffortConfig(values);
    const bool on_cuda = cuda && config.training.device != "cpu";
    try {
      config = gs::resolve(config, on_cuda);
    } catch (const gs::Error&) {
      // widths that do not fit the preset: the defaults that do not depend on them
    }
    ui::FormValues defaults;
    for (const gs::SettingInfo& info : gs::setting_infos()) {
      QString value = q(gs::get_value(config, info.key));
      // A text left empty is chosen by the program (the run folder).
      if (value.isEmpty() && info.kind == gs::ValueKind::Text) {
        value = QCoreApplication::translate("app::FormBridge", "automatic");
      }
      defaults.insert(q(info.key), value);
    }
    return defaults;
  };
  services.derive = [](const ui::FormValues& values) {
    ui::FormDerived derived;
    gs::RunConfig config = bestEffortConfig(values);
    const QString data = q(config.data.path);
    const qint64 images = datasetSize(data);
    derived.notes.insert(q(gs::keys::kImageSize), expectation(config, images));
    const int batch = config.training.batch_size;
    if (images <= 0 || batch <= 0) {
      derived.note = QCoreApplication::translate(
          "app::FormBridge", "Data set size unknown: set iterations or epochs.");
      return derived;
    }
    const QString iterations = q(gs::keys::kIterations);
    const QString epochs = q(gs::keys::kEpochs);
    const int64_t total = gs::total_iterations(config.training, images);
    const QString epochsText = QString::number(gs::epochs_of(total, batch, images), 'g', 4);
    if (config.training.epochs) {
      derived.texts.insert(iterations, QString::number(total));
    } else if (config.training.iterations) {
      derived.texts.insert(epochs, epochsText);
    } else {
      derived.placeholders.insert(epochs, epochsText);  // what the default length comes to
    }
    derived.note = QCoreApplication::translate(
                       "app::FormBridge",
                       "One epoch is one pass over the %1 images: %2 iterations at batch size %3.")
                       .arg(QLocale().toString(images))
                       .arg(gs::iterations_per_epoch(batch, images))
                       .arg(batch);
    return derived;
  };
  return services;
}

QList<QPair<QString, QString>> deviceChoices() {
  QList<QPair<QString, QString>> choices;
  const auto devices = gs::cuda_devices();
  choices.append({devices.empty() ? QObject::tr("Automatic (CPU)")
                                  : QObject::tr("Automatic (%1)").arg(q(devices.front())),
                  QStringLiteral("auto")});
  choices.append({QObject::tr("CPU"), QStringLiteral("cpu")});
  for (size_t i = 0; i < devices.size(); ++i) {
    choices.append({QStringLiteral("cuda:%1 — %2").arg(i).arg(q(devices[i])),
                    QStringLiteral("cuda:%1").arg(i)});
  }
  return choices;
}

}  // namespace app
