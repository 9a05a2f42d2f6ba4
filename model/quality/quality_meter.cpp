// The meter: a data set's classifier (classifier_store.h) and the held-out images' statistics
// (reference_statistics.h), then scores of samples against them.
#include "model/quality/quality_meter.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "model/core/number_text.h"
#include "model/data/image_files.h"
#include "model/data/image_set.h"
#include "model/io/error.h"
#include "model/quality/cache_file.h"
#include "model/quality/classifier_store.h"
#include "model/quality/feature_statistics.h"
#include "model/quality/meter_access.h"
#include "model/quality/meter_tensors.h"
#include "model/quality/reference_statistics.h"
#include "model/quality/training_features.h"
#include "model/sampling/sampler.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxHeldOut = 5000;
constexpr int kNeighbours = 3;          // k of the k-NN radii (Kynkäänniemi et al.)
constexpr double kCoveredShare = 0.02;  // a class is covered when it holds 2% of the samples
constexpr uint64_t kSplitSeed = 0x5EEDF00D5EEDF00Dull;

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// What the classifier sees: grayscale data at 28 x 28 (the digits' and every IDX set's shape),
// colour data in RGB at its own size, so colours count.
ImageShape meter_shape(const ImageSet& data) {
  return data.channels == 3 ? ImageShape{3, data.rows} : ImageShape{1, kImageSide};
}

// Samples of other sizes and channels are scaled and converted to the classifier's shape.
ImageBatch as_classifier_input(const ImageBatch& samples, const ImageShape& shape) {
  if (samples.side == shape.side && samples.channels == shape.channels) return samples;
  ImageBatch out;
  out.count = samples.count;
  out.side = shape.side;
  out.channels = shape.channels;
  for (int i = 0; i < samples.count; ++i) {
    const Image fitted = fit_square(with_channels(samples.image(i), shape.channels), shape.side);
    out.pixels.insert(out.pixels.end(), fitted.pixels.begin(), fitted.pixels.end());
  }
  return out;
}

}  // namespace

std::string default_quality_cache() {
  // Read, never set, by GanStudio: no other thread can change them under the read.
  const char* xdg = std::getenv("XDG_CACHE_HOME");  // NOLINT(concurrency-mt-unsafe)
  const char* home = std::getenv("HOME");           // NOLINT(concurrency-mt-unsafe)
  const fs::path base = xdg && *xdg     ? fs::path(xdg)
                        : home && *home ? fs::path(home) / ".cache"
                                        : fs::temp_directory_path();
  return (base / "GanStudio" / "quality").string();
}

DataSplit split_data(int64_t count) {
  std::vector<int64_t> order(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) order[static_cast<size_t>(i)] = i;
  uint64_t state = kSplitSeed;
  for (int64_t i = count - 1; i > 0; --i) {  // Fisher-Yates with a portable generator
    const auto j = static_cast<int64_t>(splitmix64(state) % static_cast<uint64_t>(i + 1));
    std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(j)]);
  }
  const auto train = static_cast<size_t>(count - count / 5);
  DataSplit split;
  split.train.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(train));
  split.held_out.assign(order.begin() + static_cast<std::ptrdiff_t>(train), order.end());
  return split;
}

uint64_t data_fingerprint(const ImageSet& data) {
  uint64_t hash = quality::kFnvBasis;
  const int64_t shape[] = {data.count, data.rows, data.cols};
  hash = quality::fnv1a(hash, shape, sizeof shape);
  if (data.channels != 1) {  // grayscale keys stay as they were (the shipped classifier's)
    const int64_t channels = data.channels;
    hash = quality::fnv1a(hash, &channels, sizeof channels);
  }
  hash = quality::fnv1a(hash, data.pixels.data(), data.pixels.size());
  return quality::fnv1a(hash, data.labels.data(), data.labels.size());
}

struct QualityMeter::Impl {
  ImageShape shape;
  quality::ChosenClassifier chosen;
  quality::ReferenceStatistics real;
  std::string description;
  ImageBatch held_out;
  // The data set at the meter's shape, for the memorisation figure and the nearest training
  // images, whose features are computed (or read from the cache) when first needed.
  ImageSet data;
  std::vector<int64_t> held;
  uint64_t fingerprint = 0;
  uint64_t classifier_hash = 0;
  std::string cache;
  std::once_flag training_once;
  quality::TrainingFeatures training;
  torch::Tensor all;  // every image of the data set covered: the training features, then held-out

  const quality::TrainingFeatures& training_features() {
    std::call_once(training_once, [this] {
      training = quality::training_features(chosen.classifier, data, held, real.features,
                                            fingerprint, classifier_hash, cache);
      all = torch::cat({training.features, real.features});
    });
    return training;
  }
  const torch::Tensor& all_features() {
    training_features();
    return all;
  }
  int64_t data_index(int64_t row) {
    const auto covered = static_cast<int64_t>(training_features().indices.size());
    return row < covered ? training.indices[static_cast<size_t>(row)]
                         : held[static_cast<size_t>(row - covered)];
  }
};

QualityMeter::QualityMeter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QualityMeter::~QualityMeter() = default;
QualityMeter::QualityMeter(QualityMeter&&) noexcept = default;
QualityMeter& QualityMeter::operator=(QualityMeter&&) noexcept = default;

QualityMeter QualityMeter::for_data(const ImageSet& original, const MeterOptions& options) {
  // Real images of other shapes are scaled and converted here, samples in score().
  const ImageShape shape = meter_shape(original);
  const bool fits = original.has_shape(shape);
  const ImageSet fitted = fits ? ImageSet{} : fit_images(original, shape);
  const ImageSet& data = fits ? original : fitted;
  const uint64_t fingerprint = data_fingerprint(data);
  const std::string cache = options.cache_dir.empty() ? default_quality_cache() : options.cache_dir;
  const DataSplit split = split_data(data.count);
  const std::vector<int64_t> held(
      split.held_out.begin(), split.held_out.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                           kMaxHeldOut, split.held_out.size())));

  auto impl = std::make_unique<Impl>();
  impl->shape = shape;
  impl->chosen = quality::classifier_for(data, split, fingerprint, cache, options);
  const std::string& weights = impl->chosen.weights;
  const uint64_t classifier_hash =
      quality::fnv1a(quality::kFnvBasis, weights.data(), weights.size());
  impl->real =
      quality::reference_statistics(impl->chosen.classifier, data, held, impl->chosen.classes,
                                    fingerprint, classifier_hash, cache, kNeighbours);
  const auto n = static_cast<int64_t>(held.size());
  impl->description = impl->chosen.description + ", " + thousands(n) + " held-out images";
  impl->held_out.count = static_cast<int>(n);
  impl->held_out.side = data.rows;
  impl->held_out.channels = data.channels;
  const size_t size = impl->held_out.image_bytes();
  impl->held_out.pixels.resize(held.size() * size);
  for (size_t i = 0; i < held.size(); ++i) {
    std::memcpy(impl->held_out.pixels.data() + i * size, data.pixels.data() + held[i] * size, size);
  }
  impl->data = data;
  impl->held = held;
  impl->fingerprint = fingerprint;
  impl->classifier_hash = classifier_hash;
  impl->cache = cache;
  return QualityMeter(std::move(impl));
}

QualityMeter QualityMeter::for_run(const RunConfig& config, const MeterOptions& options) {
  return for_data(load_image_set(config.data.path, image_shape(config)), options);
}

QualityScores QualityMeter::score(const ImageBatch& original,
                                  const std::vector<int>& requested) const {
  if (original.count < 2) throw Error("the quality meter scores at least 2 samples");
  const ImageBatch samples = as_classifier_input(original, impl_->shape);
  const quality::ReferenceStatistics& real = impl_->real;
  const int classes = impl_->chosen.classes;
  QualityScores scores;
  scores.samples = samples.count;
  const auto [features, logits] =
      quality::run_classifier(impl_->chosen.classifier, quality::batch_to_tensor(samples));
  const auto [mean, covariance] = mean_and_covariance(features);
  scores.fd = frechet_distance(mean, covariance, real.mean, real.covariance);
  const torch::Tensor nearest = quality::nearest_rows(features, impl_->all_features()).first;
  scores.memorised =
      nearest.lt(impl_->training_features().threshold).to(torch::kFloat64).mean().item<double>();
  if (classes == 0) return scores;

  scores.classes = classes;
  const auto probabilities = torch::softmax(logits.to(torch::kFloat64), 1);
  scores.confidence = std::get<0>(probabilities.max(1)).mean().item<double>();
  const auto share = torch::bincount(probabilities.argmax(1), {}, classes).to(torch::kFloat64) /
                     static_cast<double>(samples.count);
  const auto* p = share.data_ptr<double>();
  const auto* q = real.class_share.data_ptr<double>();
  scores.kl = 0;
  for (int c = 0; c < classes; ++c) {
    scores.histogram.push_back(p[c]);
    if (p[c] >= kCoveredShare) ++scores.classes_covered;
    if (p[c] > 0) scores.kl += p[c] * std::log(p[c] / std::max(q[c], 1e-12));
  }
  if (static_cast<int>(requested.size()) == samples.count) {
    const torch::Tensor asked =
        torch::from_blob(const_cast<int*>(requested.data()), {samples.count}, torch::kInt)
            .to(torch::kLong);
    scores.conditional_accuracy =
        probabilities.argmax(1).eq(asked).to(torch::kFloat64).mean().item<double>();
  }
  const auto fake_radii = knn_radii(features, std::min<int>(kNeighbours, samples.count - 1));
  std::tie(scores.precision, scores.recall) =
      precision_recall(real.features, real.radii, features, fake_radii);
  return scores;
}

QualityScores QualityMeter::measure(const QualityRequest& request) const {
  Sampler sampler = Sampler::from_weights(request.config, request.generator_weights);
  // A conditional generator draws the classes in turn; the meter checks each is the one asked for.
  QualityScores scores = score(sampler.generate(request.samples, kQualitySeed),
                               sampler.labels_for(request.samples, -1));
  scores.iteration = request.iteration;
  return scores;
}

const std::string& QualityMeter::description() const { return impl_->description; }
double QualityMeter::held_out_accuracy() const { return impl_->chosen.accuracy; }
const ImageBatch& QualityMeter::held_out() const { return impl_->held_out; }

NearestImages QualityMeter::nearest_training_images(const ImageBatch& sample, int count) const {
  if (sample.count < 1) throw Error("nearest training images: no sample given");
  ImageBatch first = sample;
  first.count = 1;
  first.pixels.resize(first.image_bytes());
  const ImageBatch input = as_classifier_input(first, impl_->shape);
  const torch::Tensor features =
      quality::run_classifier(impl_->chosen.classifier, quality::batch_to_tensor(input)).first;
  const auto [nearest, nearest_rows] =
      quality::nearest_rows(features, impl_->all_features(), count);
  const torch::Tensor distances = nearest[0];
  const torch::Tensor rows = nearest_rows[0];
  NearestImages out;
  out.threshold = impl_->training_features().threshold;
  const torch::Tensor held = impl_->training.held_nearest;
  out.typical = held.numel() > 0 ? held.median().item<double>() : 0.0;
  const ImageSet& data = impl_->data;
  out.images.side = data.rows;
  out.images.channels = data.channels;
  const size_t size = out.images.image_bytes();
  for (int64_t i = 0; i < rows.numel(); ++i) {
    const int64_t index = impl_->data_index(rows[i].item<int64_t>());
    out.indices.push_back(index);
    out.distances.push_back(distances[i].item<double>());
    out.images.pixels.insert(out.images.pixels.end(),
                             data.pixels.begin() + static_cast<std::ptrdiff_t>(index * size),
                             data.pixels.begin() + static_cast<std::ptrdiff_t>((index + 1) * size));
    ++out.images.count;
  }
  return out;
}

}  // namespace gs

namespace gs {

Classifier MeterAccess::classifier(const QualityMeter& meter) {
  return meter.impl_->chosen.classifier;
}

ImageShape MeterAccess::shape(const QualityMeter& meter) { return meter.impl_->shape; }

}  // namespace gs
