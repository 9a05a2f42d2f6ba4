#include "app/gui/explorer/generator_service.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

#include "app/gui/conversions.h"
#include "model/core/grid.h"
#include "model/data/image_files.h"
#include "model/data/image_set.h"
#include "model/exports/exports.h"
#include "model/inspect/discriminator.h"
#include "model/inspect/generator_layers.h"
#include "model/inspect/projection.h"
#include "model/io/error.h"
#include "model/report/run_report.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"
#include "model/training/system_info.h"

namespace app {

namespace {

constexpr int kNearestShown = 5;
constexpr int kSaliencyContext = 48;  // G's fakes in D's batch beside the preview's copies
constexpr uint64_t kSaliencyContextSeed = 4242;
constexpr int kProjectionSteps = 300;
constexpr int kLayerChannelsShown = 12;

QString q(const std::string& text) { return QString::fromStdString(text); }

QStringList classNames(const gs::Sampler& sampler) {
  QStringList names;
  for (const std::string& name : sampler.class_names()) names << q(name);
  return names;
}

}  // namespace

GeneratorService::GeneratorService(QObject* parent) : QObject(parent) {}
GeneratorService::~GeneratorService() = default;

void GeneratorService::requestPreview(const QVector<float>& z, quint64 stamp, PreviewLooks looks) {
  std::lock_guard<std::mutex> lock(mutex_);
  pendingPreview_ = Preview{z, stamp, looks};  // replaces any older request not yet rendered
  schedule();
}

void GeneratorService::requestStrip(const QVector<float>& latents, int frames, quint64 stamp) {
  std::lock_guard<std::mutex> lock(mutex_);
  pendingStrip_ = Strip{latents, frames, stamp};
  schedule();
}

void GeneratorService::schedule() {
  if (scheduled_) return;
  scheduled_ = true;
  QMetaObject::invokeMethod(this, &GeneratorService::process, Qt::QueuedConnection);
}

QVector<QImage> GeneratorService::render(const QVector<float>& latents) {
  const gs::ImageBatch batch =
      sampler_->render_inputs(std::vector<float>(latents.begin(), latents.end()));
  QVector<QImage> images;
  for (int i = 0; i < batch.count; ++i) images.append(toImage(batch.image(i)));
  return images;
}

void GeneratorService::process() {
  std::optional<Preview> preview;
  std::optional<Strip> strip;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    preview.swap(pendingPreview_);
    strip.swap(pendingStrip_);
    scheduled_ = false;
  }
  if (!sampler_) return;
  try {
    if (preview && preview->z.size() == sampler_->input_dim()) {
      const gs::ImageBatch image =
          sampler_->render_inputs(std::vector<float>(preview->z.begin(), preview->z.end()));
      previewsRendered_.fetch_add(1);
      lastPreview_ = preview;
      Q_EMIT previewReady(toImage(image.image(0)), preview->stamp);
      lookInside(*preview, image);
    }
    if (strip && strip->latents.size() == qsizetype{strip->frames} * sampler_->input_dim()) {
      lastStrip_ = strip;
      Q_EMIT stripReady(render(strip->latents), strip->stamp);
    }
  } catch (const std::exception& error) {
    Q_EMIT failed(tr("Cannot render: %1").arg(QString::fromUtf8(error.what())));
  }
}

void GeneratorService::lookInside(const Preview& preview, const gs::ImageBatch& image) {
  if (preview.looks.saliency) {
    try {
      if (!discriminator_) throw gs::Error(noDiscriminator_.toStdString());
      if (saliencyContext_.count == 0) {
        saliencyContext_ = sampler_->generate(kSaliencyContext, kSaliencyContextSeed);
      }
      int strongest = -1;  // a conditional D judges the class the preview is drawn as
      if (sampler_->classes() > 0) {
        const auto weights = preview.z.begin() + sampler_->noise_dim();
        strongest = static_cast<int>(std::max_element(weights, preview.z.end()) - weights);
      }
      const gs::Saliency found = discriminator_->saliency(
          image, strongest, saliencyContext_, sampler_->labels_for(kSaliencyContext, -1));
      ui::SaliencyMap map;
      map.side = found.side;
      map.values = QVector<float>(found.values.begin(), found.values.end());
      map.score = found.score;
      map.probability = found.probability;
      Q_EMIT saliencyReady(map, preview.stamp);
    } catch (const std::exception& error) {
      Q_EMIT saliencyUnavailable(QString::fromUtf8(error.what()));
    }
  }
  if (preview.looks.layers) {
    QVector<ui::LayerImages> layers;
    for (const gs::LayerMaps& found :
         gs::generator_layers(*sampler_, std::vector<float>(preview.z.begin(), preview.z.end()),
                              kLayerChannelsShown)) {
      ui::LayerImages layer;
      layer.name = tr("Block %1").arg(layers.size() + 1);
      layer.channels = found.channels;
      for (int i = 0; i < found.maps.count; ++i) layer.maps.append(toImage(found.maps.image(i)));
      layer.shown = QVector<int>(found.shown.begin(), found.shown.end());
      layer.low = found.low;
      layer.high = found.high;
      layers.append(layer);
    }
    Q_EMIT layersReady(layers, preview.stamp);
  }
}

void GeneratorService::forgetDiscriminator(const QString& why) {
  discriminator_.reset();
  noDiscriminator_ = why;
  saliencyContext_ = {};
}

void GeneratorService::useWatchedWeights(const gs::RunConfig& config, const QByteArray& weights,
                                         const QByteArray& discriminatorWeights) {
  useWeights(config, weights, discriminatorWeights);
  if (discriminatorWeights.isEmpty()) {
    noDiscriminator_ =
        tr("This watched run shares only its generator (its trainer is older): to see where D "
           "looks, open one of its checkpoints (File → Open Checkpoint)");
  }
}

void GeneratorService::useWeights(const gs::RunConfig& config, const QByteArray& weights,
                                  const QByteArray& discriminatorWeights) {
  try {
    const std::string blob(weights.constData(), static_cast<size_t>(weights.size()));
    const int inputs = sampler_ ? sampler_->input_dim() : 0;
    const QStringList names = sampler_ ? classNames(*sampler_) : QStringList();
    sampler_ = std::make_unique<gs::Sampler>(gs::Sampler::from_weights(config, blob));
    forgetDiscriminator(tr("Waiting for D's weights from the run…"));
    if (!discriminatorWeights.isEmpty()) {
      // G explores without D if D's weights cannot be read (a damaged snapshot file).
      try {
        const std::string d(discriminatorWeights.constData(),
                            static_cast<size_t>(discriminatorWeights.size()));
        discriminator_ =
            std::make_unique<gs::Discriminator>(gs::Discriminator::from_weights(config, d));
      } catch (const std::exception& error) {
        noDiscriminator_ =
            tr("D's weights cannot be read: %1").arg(QString::fromUtf8(error.what()));
      }
    }
    if (inputs != sampler_->input_dim() || names != classNames(*sampler_)) {
      Q_EMIT generatorReady(sampler_->noise_dim(), sampler_->classes(), classNames(*sampler_),
                            gs::image_shape(sampler_->config()).side);
    }
    Q_EMIT weightsApplied();
    // Whatever the explorer shows is drawn again with the newest weights: the preview and the
    // interpolation strip.
    if (lastPreview_ || lastStrip_) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!pendingPreview_) pendingPreview_ = lastPreview_;
      if (!pendingStrip_) pendingStrip_ = lastStrip_;
      schedule();
    }
  } catch (const std::exception& error) {
    Q_EMIT failed(
        tr("Cannot use the generator's weights: %1").arg(QString::fromUtf8(error.what())));
  }
}

void GeneratorService::openCheckpoint(const QString& path) {
  try {
    const std::string checkpoint = gs::RunDirectory::find_checkpoint(path.toStdString());
    auto sampler = std::make_unique<gs::Sampler>(gs::Sampler::from_checkpoint(checkpoint));
    std::unique_ptr<gs::Discriminator> discriminator;
    QString noDiscriminator;
    try {
      discriminator =
          std::make_unique<gs::Discriminator>(gs::Discriminator::from_checkpoint(checkpoint));
    } catch (const std::exception& error) {
      noDiscriminator =
          tr("D cannot be read from %1: %2").arg(q(checkpoint), QString::fromUtf8(error.what()));
    }
    const std::vector<float> latents = gs::with_one_hot(
        sampler->grid_latents(), sampler->noise_dim(), sampler->grid_labels(), sampler->classes());
    const gs::ImageBatch grid = sampler->render_inputs(latents);
    const QString run = q(gs::RunDirectory::run_folder_of(checkpoint));
    sampler_ = std::move(sampler);
    forgetDiscriminator(noDiscriminator);
    discriminator_ = std::move(discriminator);
    lastPreview_.reset();
    lastStrip_.reset();
    Q_EMIT generatorReady(sampler_->noise_dim(), sampler_->classes(), classNames(*sampler_),
                          gs::image_shape(sampler_->config()).side);
    Q_EMIT checkpointOpened(q(checkpoint), grid, QVector<float>(latents.begin(), latents.end()),
                            sampler_->input_dim(), run, sampler_->config());
  } catch (const std::exception& error) {
    Q_EMIT failed(tr("Cannot open %1: %2").arg(path, QString::fromUtf8(error.what())));
  }
}

gs::QualityMeter& GeneratorService::meterFor(const gs::RunConfig& config) {
  // The data set as the run sees it: its path, size, channels and background.
  const std::string& data = config.data.path;
  const gs::ImageShape shape = gs::image_shape(config);
  if (!meter_ || meterData_ != data || meterShape_ != shape) {
    gs::MeterOptions options;
    options.progress = [this](const std::string& what, double fraction) {
      Q_EMIT qualityProgress(QString::fromStdString(what), fraction);
    };
    meter_.reset();
    meter_ = std::make_unique<gs::QualityMeter>(gs::QualityMeter::for_run(config, options));
    meterData_ = data;
    meterShape_ = shape;
  }
  return *meter_;
}

void GeneratorService::measureQuality(quint64 token, const gs::QualityRequest& request) {
  gs::use_cpu_threads_here(1);  // the cores belong to training
  try {
    Q_EMIT qualityMeasured(token, meterFor(request.config).measure(request));
  } catch (const std::exception& error) {
    Q_EMIT failed(
        tr("The quality meter could not measure: %1").arg(QString::fromUtf8(error.what())));
  }
}

void GeneratorService::findNearest(const QVector<float>& inputs) {
  gs::use_cpu_threads_here(1);  // the cores belong to training
  try {
    if (!sampler_) throw gs::Error("there is no generator yet: train or open a checkpoint");
    const gs::ImageBatch sample =
        sampler_->render_inputs(std::vector<float>(inputs.begin(), inputs.end()));
    const gs::NearestImages found =
        meterFor(sampler_->config()).nearest_training_images(sample, kNearestShown);
    ui::NearestImages nearest;
    nearest.sample = toImage(sample.image(0));
    for (int i = 0; i < found.images.count; ++i) {
      nearest.images.append(toImage(found.images.image(i)));
      nearest.distances.append(found.distances[static_cast<size_t>(i)]);
      nearest.indices.append(found.indices[static_cast<size_t>(i)]);
    }
    nearest.typical = found.typical;
    nearest.threshold = found.threshold;
    Q_EMIT nearestFound(nearest);
  } catch (const std::exception& error) {
    Q_EMIT nearestFailed(QString::fromUtf8(error.what()));
  }
}

void GeneratorService::project(const QImage& picture, const QString& path) {
  gs::use_cpu_threads_here(1);  // the cores belong to training
  try {
    if (!sampler_) throw gs::Error("there is no generator yet: train or open a checkpoint");
    const gs::ImageShape shape = gs::image_shape(sampler_->config());
    const gs::Image source = path.isEmpty()
                                 ? toPixels(picture)
                                 : gs::read_image_file(path.toStdString(), shape.channels);
    bool inverted = false;
    const gs::ImageBatch target = gs::projection_target(source, *sampler_, &inverted);
    // The perceptual term needs the quality meter of the run's data; without one, pixels only.
    const gs::QualityMeter* meter = nullptr;
    try {
      meter = &meterFor(sampler_->config());
    } catch (const std::exception&) {
      meter = nullptr;
    }
    gs::ProjectionOptions options;
    options.steps = kProjectionSteps;
    options.progress = [this](int step, double error) {
      Q_EMIT projectionProgress(step, kProjectionSteps, error);
      return !cancelProjection_.load();
    };
    options.image_progress = [this](int, const gs::ImageBatch& image) {
      Q_EMIT projectionImage(toImage(image.image(0)));
    };
    const gs::Projection result = gs::project(*sampler_, target, options, meter);

    ui::ProjectionOutcome outcome;
    outcome.source = path.isEmpty() ? tr("the drawing") : QFileInfo(path).fileName();
    const std::vector<float> inputs = gs::with_one_hot(
        result.z, sampler_->noise_dim(),
        result.class_index >= 0 ? std::vector<int>{result.class_index} : std::vector<int>{},
        sampler_->classes());
    outcome.inputs = QVector<float>(inputs.begin(), inputs.end());
    outcome.target = toImage(target.image(0));
    outcome.image = toImage(result.image.image(0));
    outcome.startError = result.start_pixel_error;
    outcome.error = result.pixel_error;
    outcome.steps = result.steps;
    outcome.stepsAsked = kProjectionSteps;
    outcome.cancelled = result.cancelled;
    outcome.inverted = inverted;
    if (result.picture_class >= 0) {
      outcome.pictureClass = QString::number(result.picture_class);
      outcome.projectionClass = QString::number(result.projection_class);
    }
    if (result.class_index >= 0) {
      outcome.generatorClass = classNames(*sampler_).value(result.class_index);
    }
    Q_EMIT projectionFinished(outcome);
  } catch (const std::exception& error) {
    Q_EMIT projectionFailed(QString::fromUtf8(error.what()));
  }
}

gs::VideoProgress GeneratorService::videoProgress() {
  return [this](int done, int total) {
    Q_EMIT exportProgress(done, total);
    return !cancelExport_.load();
  };
}

void GeneratorService::runExport(const ui::ExportRequest& request, const ExportInputs& inputs) {
  using Kind = ui::ExportRequest::Kind;
  const std::string path = request.path.toStdString();
  const gs::GridLayout layout{gs::kGridColumns, request.gaps ? 2 : 0, request.scale, 96};
  try {
    if (path.empty()) throw gs::Error("choose where to export");
    std::string report;
    auto need_run = [&] {
      if (inputs.runFolder.isEmpty())
        throw gs::Error("there is no run folder yet: train or open a checkpoint of a run");
      return inputs.runFolder.toStdString();
    };
    auto need_sampler = [&]() -> gs::Sampler& {
      if (!sampler_) throw gs::Error("there is no generator yet: train or open a checkpoint");
      return *sampler_;
    };
    switch (request.kind) {
      case Kind::GridPng:
        report = gs::export_grid_png(inputs.grid, layout, path);
        break;
      case Kind::DigitPng:
        report = gs::export_image_png(inputs.digit, request.scale, path);
        break;
      case Kind::StripPng:
        report = gs::export_strip_png(inputs.strip, layout, path);
        break;
      case Kind::TrainingGif:
        report = gs::export_training_gif(need_run(),
                                         gs::GifOptions{request.frameStep, request.delayMs}, path);
        break;
      case Kind::SamplesIdx:
        report = gs::export_samples_idx(need_sampler(), request.count,
                                        static_cast<uint64_t>(request.seed), path);
        break;
      case Kind::SamplesPngFolder:
        report = gs::export_samples_png_folder(need_sampler(), request.count,
                                               static_cast<uint64_t>(request.seed), 1, path);
        break;
      case Kind::MetricsCsv:
        report = gs::export_metrics_csv(need_run(), path);
        break;
      case Kind::ConfigYaml:
        if (!inputs.config) throw gs::Error("there is no configuration to export yet");
        report = gs::export_config_yaml(*inputs.config, path);
        break;
      case Kind::TrainingVideo: {
        gs::TimelapseOptions options;
        options.frame_step = request.frameStep;
        options.fps = request.fps;
        options.scale = request.videoScale;
        options.caption = request.caption;
        report = gs::export_training_video(need_run(), options, path, videoProgress());
        break;
      }
      case Kind::LatentWalk: {
        gs::Sampler& sampler = need_sampler();
        gs::WalkOptions options;
        options.seeds.assign(request.walkSeeds.begin(), request.walkSeeds.end());
        for (const QString& name :
             request.walkClasses.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
          options.classes.push_back(sampler.class_of(name.trimmed().toStdString()));
        }
        options.loop = request.loop;
        options.spherical = request.spherical;
        options.frames = request.walkFrames;
        options.fps = request.fps;
        options.scale = request.videoScale;
        report = gs::export_latent_walk(sampler, options, path, videoProgress());
        break;
      }
      case Kind::Report: {
        std::vector<std::string> runs;
        for (const QString& run : inputs.reportRuns) runs.push_back(run.toStdString());
        if (runs.empty()) runs.push_back(need_run());
        gs::ReportOptions options;
        options.grid_iterations.assign(request.reportGrids.begin(), request.reportGrids.end());
        report = gs::export_report(runs, options, path);
        break;
      }
      case Kind::KindCount:
        break;
    }
    QString text = q(report);
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    Q_EMIT exportFinished(true, text);
  } catch (const std::exception& error) {
    Q_EMIT exportFinished(false, QString::fromUtf8(error.what()));
  }
}

}  // namespace app
