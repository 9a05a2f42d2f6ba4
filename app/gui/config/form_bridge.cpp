#include "app/gui/config/form_bridge.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>

#include "model/data/image_set.h"
#include "model/io/error.h"
#include "model/training/system_info.h"

namespace app {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

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
  // Empty texts are defaults; the form sends at most one of iterations and epochs.
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
  services.check = [](const QString& key, const QString& text) {
    const QString problem = q(gs::check_value(key.toStdString(), text.toStdString()));
    if (!problem.isEmpty() || key != QLatin1String("data.path") || text.isEmpty()) return problem;
    // A data file is checked when it is chosen, not when training starts (the header only: fast,
    // and remembered per path).
    static QHash<QString, QString> checked;
    const QFileInfo info(text);
    const QString id = text + QLatin1Char('\n') + QString::number(info.size()) + QLatin1Char('\n') +
                       info.lastModified().toString(Qt::ISODateWithMs);
    if (!checked.contains(id)) {
      try {
        gs::count_images(text.toStdString());
        checked.insert(id, QString());
      } catch (const std::exception& error) {
        checked.insert(id, q(error.what()));
      }
    }
    return checked.value(id);
  };
  services.advise = [](const QString& key, const QString& text) {
    return q(gs::unusual_value(key.toStdString(), text.toStdString()));
  };
  services.describe = [](const QString& key) { return q(gs::describe_key(key.toStdString())); };
  services.isLive = [](const QString& key) { return gs::is_live_key(key.toStdString()); };
  services.defaultFor = [cuda](const ui::FormValues& values, const QString& key) -> QString {
    if (key == QLatin1String("outputs.run_dir")) return QObject::tr("automatic");
    gs::RunConfig config;
    for (auto it = values.begin(); it != values.end(); ++it) {
      if (it.value().isEmpty() || it.key() == key) continue;
      try {
        gs::set_text(config, it.key().toStdString(), it.value().toStdString(), "");
      } catch (const gs::ConfigError&) {
        // an invalid field elsewhere: show defaults without it
      }
    }
    const bool on_cuda = cuda && config.training.device != "cpu";
    try {
      config = gs::resolve(config, on_cuda);
    } catch (const gs::Error&) {
      config.training.iterations.reset();
    }
    if (key == QLatin1String("training.epochs")) return {};
    return q(gs::get_value(config, key.toStdString()));
  };
  services.datasetSize = [](const QString& path) -> qint64 {
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
