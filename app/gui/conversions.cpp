#include "app/gui/conversions.h"

#include <QCoreApplication>
#include <QObject>
#include <cmath>
#include <cstring>

#include "model/health/health_rules.h"
#include "model/runs/run_directory.h"

namespace app {

QString modelSummary(const gs::RunConfig& c) {
  QStringList parts;
  parts << QString::fromStdString(c.model.preset ? gs::to_string(*c.model.preset) : "auto");
  const gs::Loss loss = c.training.loss.value_or(gs::Loss::Bce);
  parts << QObject::tr("%1 loss").arg(QString::fromStdString(gs::to_string(loss)));
  if (c.model.conditional) {
    parts << (c.model.classes > 0 ? QObject::tr("conditional (%1 classes)").arg(c.model.classes)
                                  : QObject::tr("conditional"));
  }
  if (c.model.spectral_norm) parts << QObject::tr("spectral norm");
  if (c.data.channels != 1 || c.data.image_size != 28) {
    parts << QObject::tr("%1 %2 × %2")
                 .arg(c.data.channels == 3 ? QObject::tr("RGB") : QObject::tr("gray"))
                 .arg(c.data.image_size);
  }
  return parts.join(QStringLiteral(" · "));
}

ui::TrainingState toTrainingState(gs::RunState state) {
  switch (state) {
    case gs::RunState::Running:
      return ui::TrainingState::Running;
    case gs::RunState::Paused:
      return ui::TrainingState::Paused;
    case gs::RunState::Finished:
      return ui::TrainingState::Finished;
    case gs::RunState::Stopped:
      return ui::TrainingState::Stopped;
    case gs::RunState::Interrupted:
      return ui::TrainingState::Interrupted;
    case gs::RunState::Diverged:
      return ui::TrainingState::Diverged;
    case gs::RunState::Failed:
      break;
  }
  return ui::TrainingState::Failed;
}

QString settingText(const std::string& text) {
  return text.empty() ? QString() : QCoreApplication::translate(gs::kSettingsContext, text.c_str());
}

ui::MetricPoint toMetricPoint(const gs::StepStats& s) {
  ui::MetricPoint p;
  p.iteration = s.iteration;
  p.d_loss = s.d_loss;
  p.d_acc = s.d_acc;
  p.g_loss = s.g_loss;
  p.g_acc = s.g_acc;
  p.d_real = s.d_real;
  p.d_fake = s.d_fake;
  p.step_ms = s.step_ms;
  p.augment = s.augment_p;
  return p;
}

QVector<ui::MetricPoint> readMetricPoints(const std::string& csvPath) {
  std::vector<double> times;
  const std::vector<gs::StepStats> rows = gs::read_metrics(csvPath, &times);
  const std::vector<double> seconds = gs::training_time(rows, times);
  QVector<ui::MetricPoint> points;
  points.reserve(static_cast<qsizetype>(rows.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    points.append(toMetricPoint(rows[i]));
    points.back().seconds = seconds[i];
  }
  return points;
}

QVector<ui::LiveChange> toLiveChanges(const std::vector<gs::SettingChange>& rows) {
  QVector<ui::LiveChange> markers;
  for (const std::vector<gs::SettingChange>& together : gs::settings_by_iteration(rows))
    markers.append(toLiveChange(together));
  return markers;
}

ui::LiveChange toLiveChange(const std::vector<gs::SettingChange>& changes) {
  ui::LiveChange change;
  if (!changes.empty()) change.iteration = changes.front().iteration;
  for (const gs::SettingChange& c : changes) {
    const gs::SettingInfo* info = gs::setting_info(c.key);
    change.settings.append({QString::fromStdString(c.key),
                            info ? settingText(info->chart_label) : QString(),
                            QString::fromStdString(c.value)});
  }
  return change;
}

QStringList classNames(const gs::RunConfig& config) {
  QStringList names;
  for (const std::string& name : config.model.class_names) names << QString::fromStdString(name);
  const int classes = gs::conditional_classes(config.model);
  if (names.size() != classes && classes > 0) {
    names.clear();
    for (int c = 0; c < classes; ++c) names << QString::number(c);
  }
  return names;
}

void showClassesOf(ui::RunView& view, const gs::RunConfig& config) {
  view.showClassNames(classNames(config), config.model.conditional);
}

ui::QualityPoint toQualityPoint(const gs::QualityScores& scores) {
  ui::QualityPoint p;
  p.iteration = scores.iteration;
  p.fd = scores.fd;
  p.classes = scores.classes;
  p.classesCovered = scores.classes_covered;
  p.confidence = scores.confidence;
  p.precision = scores.precision;
  p.recall = scores.recall;
  p.conditionalAccuracy =
      std::isfinite(scores.conditional_accuracy) ? scores.conditional_accuracy : -1;
  p.memorised = std::isfinite(scores.memorised) ? scores.memorised : -1;
  for (double share : scores.histogram) p.histogram.append(share);
  return p;
}

ui::ScorePoint toScorePoint(const gs::ScoreRow& row) {
  ui::ScorePoint p;
  p.iteration = row.iteration;
  const auto fill = [](double(&out)[5], const gs::ScoreSummary& s) {
    const double values[5] = {s.p05, s.p25, s.median, s.p75, s.p95};
    std::copy(std::begin(values), std::end(values), std::begin(out));
  };
  fill(p.real, row.real);
  fill(p.fake, row.fake);
  return p;
}

ui::ScorePoint toScorePoint(const gs::DiscriminatorScores& scores) {
  ui::ScorePoint p = toScorePoint(gs::score_row(scores));
  p.grid = QVector<float>(scores.grid.begin(), scores.grid.end());
  return p;
}

QVector<ui::ScorePoint> readScorePoints(const std::string& run_path) {
  QVector<ui::ScorePoint> points;
  for (const gs::ScoreRow& row : gs::read_scores(run_path)) points.append(toScorePoint(row));
  return points;
}

ui::HealthNotice toHealthNotice(const gs::HealthWarning& w) {
  const gs::HealthAdvice advice = gs::advice_for(w.rule);
  ui::HealthNotice n;
  n.iteration = w.iteration;
  n.rule = QString::fromStdString(gs::to_string(w.rule));
  n.title = QString::fromUtf8(advice.title);
  n.explanation = QString::fromUtf8(advice.explanation);
  n.advice = QString::fromUtf8(advice.advice);
  n.detail = QString::fromStdString(w.detail);
  n.paused = w.paused;
  switch (w.rule) {
    case gs::HealthRule::Divergence:
    case gs::HealthRule::ModeCollapse:
      n.action = ui::HealthAction::RollBack;
      break;
    case gs::HealthRule::DDominance:
      n.action = ui::HealthAction::HalveDLearningRate;
      break;
    case gs::HealthRule::GFoolsD:
      n.action = ui::HealthAction::HalveGLearningRate;
      break;
    case gs::HealthRule::GradientSpike:
      n.action = ui::HealthAction::HalveLearningRates;
      break;
  }
  return n;
}

QImage toGridImage(const gs::ImageBatch& batch, int columns) {
  if (batch.count <= 0) return {};
  return toImage(gs::tile_grid(batch, gs::GridLayout{columns, /*gap=*/0, /*scale=*/1, 0}));
}

QImage toImage(const gs::Image& image) {
  const bool rgb = image.channels == 3;
  QImage out(image.width, image.height, rgb ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
  const size_t row = static_cast<size_t>(image.width) * image.channels;
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(out.scanLine(y), image.pixels.data() + y * row, row);
  }
  return out;
}

gs::Image toPixels(const QImage& image) {
  if (image.format() == QImage::Format_Grayscale8 || image.allGray()) return toGrayImage(image);
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  gs::Image out{rgb.width(), rgb.height(), {}, 3};
  const size_t row = static_cast<size_t>(rgb.width()) * 3;
  out.pixels.resize(row * rgb.height());
  for (int y = 0; y < rgb.height(); ++y) {
    std::memcpy(out.pixels.data() + y * row, rgb.constScanLine(y), row);
  }
  return out;
}

gs::Image toGrayImage(const QImage& image) {
  const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
  gs::Image out{gray.width(), gray.height(), {}};
  out.pixels.resize(static_cast<size_t>(gray.width()) * gray.height());
  for (int y = 0; y < gray.height(); ++y) {
    std::memcpy(out.pixels.data() + static_cast<size_t>(y) * gray.width(), gray.constScanLine(y),
                gray.width());
  }
  return out;
}

gs::ImageBatch toImageBatch(const QImage& grid, int columns) {
  gs::ImageBatch batch;
  if (grid.isNull() || columns <= 0) return batch;
  const gs::Image whole = toPixels(grid);
  const int c = whole.channels;
  batch.channels = c;
  batch.side = whole.width / columns;
  const int rows = whole.height / batch.side;
  batch.count = rows * columns;
  batch.pixels.reserve(static_cast<size_t>(batch.count) * batch.image_bytes());
  for (int cell = 0; cell < batch.count; ++cell) {
    const int left = (cell % columns) * batch.side;
    const int top = (cell / columns) * batch.side;
    for (int y = 0; y < batch.side; ++y) {
      const uint8_t* row =
          whole.pixels.data() + (static_cast<size_t>(top + y) * whole.width + left) * c;
      batch.pixels.insert(batch.pixels.end(), row, row + static_cast<size_t>(batch.side) * c);
    }
  }
  return batch;
}

}  // namespace app
