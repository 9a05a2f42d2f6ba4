// The generator outside training: renders the latent explorer's previews and strips, opens
// checkpoints for exploring without training, and runs exports, on its own thread, so the window
// never waits. It holds a snapshot of G in inference mode (from the training worker, or a
// checkpoint).
//
// Previews follow stylegan3's visualizer: only the newest request is rendered; requests that arrive
// while one renders replace each other, and the panel drops results older than what it shows.
#pragma once

#include <QImage>
#include <QObject>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "app/gui/metatypes.h"
#include "model/io/images.h"
#include "model/quality/quality_meter.h"
#include "model/video/video_export.h"
#include "ui/explorer/look_inside.h"
#include "ui/explorer/nearest_images_dialog.h"
#include "ui/explorer/projection_pad.h"
#include "ui/export/export_dialog.h"

namespace gs {
class Discriminator;
class Sampler;
}  // namespace gs

namespace app {

// What an export takes from the window, captured when it is asked for.
struct ExportInputs {
  gs::ImageBatch grid;
  gs::Image digit;
  std::vector<gs::Image> strip;
  QString runFolder;
  std::optional<gs::RunConfig> config;  // the effective configuration
  QStringList reportRuns;               // the runs a report covers (the compared ones, or this)
};

// What a preview request asks for besides G's image.
struct PreviewLooks {
  bool saliency = false;  // where D looks (saliencyReady, or saliencyUnavailable)
  bool layers = false;    // G's layers (layersReady)
};

class GeneratorService : public QObject {
  Q_OBJECT

 public:
  explicit GeneratorService(QObject* parent = nullptr);
  ~GeneratorService() override;

  // Thread-safe.
  void requestPreview(const QVector<float>& z, quint64 stamp, PreviewLooks looks = {});
  void requestStrip(const QVector<float>& latents, int frames, quint64 stamp);
  int previewsRendered() const { return previewsRendered_.load(); }
  // Stops a projection running or about to run on the service's thread (it answers with the best
  // so far); armProjection() clears that before the next one is asked for.
  void cancelProjection() { cancelProjection_.store(true); }
  void armProjection() { cancelProjection_.store(false); }
  // The same for an export with progress (videos): it ends at its next frame, writing nothing.
  void cancelExport() { cancelExport_.store(true); }
  void armExport() { cancelExport_.store(false); }

  // On the service's thread (queued invocations).
  // A training run's newest weights: G's, and D's when the run sends them (empty: not wanted).
  void useWeights(const gs::RunConfig& config, const QByteArray& weights,
                  const QByteArray& discriminatorWeights = {});
  // A watched run's G, and its D when the trainer shares it (control/discriminator.pt).
  void useWatchedWeights(const gs::RunConfig& config, const QByteArray& weights,
                         const QByteArray& discriminatorWeights);
  void openCheckpoint(const QString& path);
  void runExport(const ui::ExportRequest& request, const app::ExportInputs& inputs);
  bool hasGenerator() const { return static_cast<bool>(sampler_); }
  // Measures a run's generator with the quality meter of its data set (prepared on first use:
  // a classifier may be trained, with qualityProgress); answers with qualityMeasured(token, ...).
  void measureQuality(quint64 token, const gs::QualityRequest& request);
  // The training images nearest to the image of `inputs` (one explorer vector), by the quality
  // meter of the generator's data set; answers with nearestFound or failed.
  void findNearest(const QVector<float>& inputs);
  // Projects a picture (`path` empty: `picture`, the drawing; else the image file at `path`) into
  // the generator's latent space with its quality meter's perceptual term, live: projectionImage
  // every few steps, projectionProgress every step; cancelProjection() stops it. Answers with
  // projectionFinished or projectionFailed.
  void project(const QImage& picture, const QString& path);

 Q_SIGNALS:
  void previewReady(const QImage& image, quint64 stamp);
  void stripReady(const QVector<QImage>& frames, quint64 stamp);
  // A generator to explore: z's length and a conditional generator's classes (0: none). The
  // explorer's vectors are z followed by the class weights.
  // A generator of other inputs; a conditional one's classes, with their names; its images' side.
  void generatorReady(int noiseDim, int classes, const QStringList& classNames, int side);
  // A run's newest weights are in use (useWeights()): what the explorer draws comes from them.
  void weightsApplied();
  // `gridLatents`: a vector of `inputDim` values per grid cell (z and its class, one-hot).
  void checkpointOpened(const QString& path, const gs::ImageBatch& grid,
                        const QVector<float>& gridLatents, int inputDim, const QString& runFolder,
                        const gs::RunConfig& config);
  void failed(const QString& message);
  void exportFinished(bool ok, const QString& message);
  // A video export's frames written so far (done of total).
  void exportProgress(int done, int total);
  void qualityMeasured(quint64 token, const gs::QualityScores& scores);
  void qualityProgress(const QString& what, double fraction);
  void nearestFound(const ui::NearestImages& nearest);
  void nearestFailed(const QString& message);
  // Where D looks in the preview with `stamp`, or why it cannot be shown.
  void saliencyReady(const ui::SaliencyMap& map, quint64 stamp);
  void saliencyUnavailable(const QString& why);
  void layersReady(const QVector<ui::LayerImages>& layers, quint64 stamp);
  void projectionProgress(int step, int steps, double error);
  void projectionImage(const QImage& image);
  void projectionFinished(const ui::ProjectionOutcome& outcome);
  void projectionFailed(const QString& message);

 private:
  // Emits exportProgress and stops at cancelExport().
  gs::VideoProgress videoProgress();

  struct Preview {
    QVector<float> z;
    quint64 stamp = 0;
    PreviewLooks looks;
  };
  struct Strip {
    QVector<float> latents;
    int frames = 0;
    quint64 stamp = 0;
  };
  void schedule();  // caller holds mutex_
  void process();
  QVector<QImage> render(const QVector<float>& latents);
  // What the preview asks for besides its image (on the service's thread).
  void lookInside(const Preview& preview, const gs::ImageBatch& image);
  // A new generator: D and the images D's saliency is judged beside go with the old one.
  void forgetDiscriminator(const QString& why);
  // The quality meter of `config`'s data set as the run sees it (prepared when first needed).
  gs::QualityMeter& meterFor(const gs::RunConfig& config);

  std::mutex mutex_;
  std::optional<Preview> pendingPreview_;
  std::optional<Strip> pendingStrip_;
  bool scheduled_ = false;
  std::optional<Preview> lastPreview_;  // re-rendered when the weights change
  std::optional<Strip> lastStrip_;      // likewise
  std::unique_ptr<gs::Sampler> sampler_;
  std::unique_ptr<gs::Discriminator> discriminator_;  // of the same run and moment as sampler_
  QString noDiscriminator_;                           // why there is none
  gs::ImageBatch saliencyContext_;                    // G's fakes D judges the preview beside
  std::atomic<bool> cancelProjection_{false};
  std::atomic<bool> cancelExport_{false};
  std::unique_ptr<gs::QualityMeter> meter_;
  std::string meterData_;  // the data set meter_ is for, at this shape:
  gs::ImageShape meterShape_;
  std::atomic<int> previewsRendered_{0};
};

}  // namespace app
