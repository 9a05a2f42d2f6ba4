// Model values -> the window's plain Qt values.
#pragma once

#include <QImage>

#include "model/config/live_settings.h"
#include "model/health/health_warning.h"
#include "model/io/images.h"
#include "model/metrics/discriminator_scores.h"
#include "model/metrics/quality_scores.h"
#include "model/runs/run_state.h"
#include "model/training/trainer.h"
#include "ui/training/training_types.h"
#include "ui/window/run_view.h"

namespace app {

// What the status line says of a run's networks: "compact · hinge loss · conditional (10 classes)
// · RGB 64 × 64".
QString modelSummary(const gs::RunConfig& config);

// The names of a run's classes (model.class_names; a conditional run on classes without names:
// their numbers), and whether its grid has a row per class: what RunView::showClassNames takes.
QStringList classNames(const gs::RunConfig& config);
void showClassesOf(ui::RunView& view, const gs::RunConfig& config);

// A trainer's state as the window shows it.
ui::TrainingState toTrainingState(gs::RunState state);

// A configuration key's label in the form or on the charts, translated.
QString settingText(const std::string& text);

ui::MetricPoint toMetricPoint(const gs::StepStats& stats);
// A run's metrics.csv as the charts' points, each with its training time (throws gs::Error).
QVector<ui::MetricPoint> readMetricPoints(const std::string& csvPath);

// Changes made together (one iteration) as one marker for the charts.
ui::LiveChange toLiveChange(const std::vector<gs::SettingChange>& changes);
// changes.csv's rows as the charts' markers: one a group of settings changed together (control
// acknowledgements are not settings: gs::settings_by_iteration).
QVector<ui::LiveChange> toLiveChanges(const std::vector<gs::SettingChange>& rows);

ui::QualityPoint toQualityPoint(const gs::QualityScores& scores);
// D's outputs measured with a grid (with its verdicts on the grid), or a row of scores.csv.
ui::ScorePoint toScorePoint(const gs::DiscriminatorScores& scores);
ui::ScorePoint toScorePoint(const gs::ScoreRow& row);
// A run folder's scores.csv as the charts take it (empty when it has none).
QVector<ui::ScorePoint> readScorePoints(const std::string& run_path);
// A warning with its title, explanation, advice and the action its banner offers.
ui::HealthNotice toHealthNotice(const gs::HealthWarning& warning);

// The batch tiled row by row without gaps (`columns` per row), 8-bit grayscale or RGB.
QImage toGridImage(const gs::ImageBatch& batch, int columns);

// One image as a QImage (deep copy): Grayscale8, or RGB888 for colour.
QImage toImage(const gs::Image& image);

// Any QImage as 8-bit grayscale bytes.
gs::Image toGrayImage(const QImage& image);
// A QImage as bytes: grayscale when every pixel is gray, else RGB.
gs::Image toPixels(const QImage& image);

// A grid image (cells tiled without gaps, `columns` per row) back into its cells.
gs::ImageBatch toImageBatch(const QImage& grid, int columns);

}  // namespace app
