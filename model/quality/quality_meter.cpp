#include "model/quality/quality_meter.h"

#include <ATen/Parallel.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

#include "model/data/image_files.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/incbin.h"
#include "model/quality/classifier.h"
#include "model/quality/feature_statistics.h"
#include "model/sampling/sampler.h"

// The digits classifier GanStudio ships (scripts/make-digits-classifier.sh; GANSTUDIO_CLASSIFIER is
// its absolute path, from model/CMakeLists.txt). An empty file means none: it is trained instead.
GANSTUDIO_INCBIN(ganstudio_digits_classifier, GANSTUDIO_CLASSIFIER)

namespace gs {

namespace fs = std::filesystem;

namespace {

constexpr char kClassifierMagic[4] = {'G', 'S', 'Q', 'C'};
constexpr char kStatisticsMagic[4] = {'G', 'S', 'Q', 'S'};
constexpr uint32_t kFileFormat = 1;
constexpr size_t kMaxHeldOut = 5000;
constexpr int kNeighbours = 3;          // k of the k-NN radii (Kynkäänniemi et al.)
constexpr double kCoveredShare = 0.02;  // a class is covered when it holds 2% of the samples
constexpr uint64_t kSplitSeed = 0x5EEDF00D5EEDF00Dull;
constexpr uint64_t kUntrainedSeed = 7;  // the CNN whose features stand in on unlabelled data

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t fnv1a(uint64_t hash, const void* data, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= 0x100000001B3ull;
  }
  return hash;
}

std::string hex(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

// --- Cache files: magic, format, fields, then a CRC-32 of everything before it -----------------

class Writer {
 public:
  explicit Writer(const char (&magic)[4]) {
    out_.append(magic, 4);
    put(kFileFormat);
  }
  template <typename T>
  void put(T value) {
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void bytes(const std::string& data) {
    put(static_cast<uint64_t>(data.size()));
    out_ += data;
  }
  void tensor(const torch::Tensor& t) {
    const auto c = t.contiguous().cpu();
    put(static_cast<uint64_t>(c.numel()));
    out_.append(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
  }
  std::string finish() {
    put(static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(out_.data()), static_cast<uInt>(out_.size()))));
    return std::move(out_);
  }

 private:
  std::string out_;
};

// Reads what Writer wrote; any mismatch (magic, format, checksum, a short file) throws Error.
class Reader {
 public:
  Reader(std::string_view data, const char (&magic)[4], std::string name)
      : data_(data), name_(std::move(name)) {
    if (data_.size() < 12 || data_.compare(0, 4, std::string_view(magic, 4)) != 0)
      fail("not a file of this kind");
    uint32_t stored = 0;
    std::memcpy(&stored, data_.data() + data_.size() - 4, 4);
    const auto actual = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data_.data()),
                                                    static_cast<uInt>(data_.size() - 4)));
    if (stored != actual) fail("checksum mismatch");
    data_.remove_suffix(4);
    at_ = 4;
    if (get<uint32_t>() != kFileFormat) fail("another format");
  }
  template <typename T>
  T get() {
    T value{};
    take(&value, sizeof value);
    return value;
  }
  std::string bytes() {
    const auto size = get<uint64_t>();
    if (size > data_.size() - at_) fail("truncated");
    std::string out(data_.substr(at_, size));
    at_ += size;
    return out;
  }
  torch::Tensor tensor(torch::ScalarType type, std::vector<int64_t> shape) {
    const auto count = get<uint64_t>();
    int64_t expected = 1;
    for (int64_t d : shape) expected *= d;
    if (count != static_cast<uint64_t>(expected)) fail("unexpected size");
    torch::Tensor t = torch::empty(shape, torch::TensorOptions().dtype(type));
    take(t.data_ptr(), count * t.element_size());
    return t;
  }
  void expect_end() {
    if (at_ != data_.size()) fail("trailing bytes");
  }

 private:
  void take(void* out, size_t size) {
    if (size > data_.size() - at_) fail("truncated");
    std::memcpy(out, data_.data() + at_, size);
    at_ += size;
  }
  [[noreturn]] void fail(const std::string& why) const { throw Error(name_ + ": " + why); }

  std::string_view data_;
  size_t at_ = 0;
  std::string name_;
};

struct ClassifierFile {
  uint64_t data_hash = 0;
  int32_t classes = 0;
  double accuracy = NAN;
  std::string weights;
};

std::string encode(const ClassifierFile& file) {
  Writer out(kClassifierMagic);
  out.put(file.data_hash);
  out.put(file.classes);
  out.put(file.accuracy);
  out.bytes(file.weights);
  return out.finish();
}

ClassifierFile decode_classifier(std::string_view data, const std::string& name) {
  Reader in(data, kClassifierMagic, name);
  ClassifierFile file;
  file.data_hash = in.get<uint64_t>();
  file.classes = in.get<int32_t>();
  file.accuracy = in.get<double>();
  file.weights = in.bytes();
  in.expect_end();
  if (file.classes < 1 || file.classes > 10000) throw Error(name + ": bad class count");
  return file;
}

// --- Data ----------------------------------------------------------------------------------------

// Images of `data` at `indices` as [N, 1, 28, 28] floats in -1..1 (the GAN's scaling).
torch::Tensor images_at(const ImageSet& data, const std::vector<int64_t>& indices) {
  const int64_t side = static_cast<int64_t>(data.rows) * data.cols;
  torch::Tensor bytes = torch::empty({static_cast<int64_t>(indices.size()), side}, torch::kUInt8);
  auto* out = bytes.data_ptr<uint8_t>();
  for (size_t i = 0; i < indices.size(); ++i) {
    std::memcpy(out + i * side, data.pixels.data() + indices[i] * side, side);
  }
  return bytes.view({-1, 1, data.rows, data.cols}).to(torch::kFloat32).sub_(127.5).div_(127.5);
}

torch::Tensor labels_at(const ImageSet& data, const std::vector<int64_t>& indices) {
  torch::Tensor labels = torch::empty({static_cast<int64_t>(indices.size())}, torch::kLong);
  auto* out = labels.data_ptr<int64_t>();
  for (size_t i = 0; i < indices.size(); ++i) out[i] = data.labels[indices[i]];
  return labels;
}

torch::Tensor batch_to_tensor(const ImageBatch& batch) {
  torch::Tensor bytes = torch::from_blob(const_cast<uint8_t*>(batch.pixels.data()),
                                         {batch.count, 1, batch.side, batch.side}, torch::kUInt8);
  return bytes.to(torch::kFloat32).sub_(127.5).div_(127.5);
}

// Features and logits of `images` in chunks (bounded memory for any count).
std::pair<torch::Tensor, torch::Tensor> run_classifier(Classifier& classifier,
                                                       const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> features;
  std::vector<torch::Tensor> logits;
  for (int64_t start = 0; start < images.size(0); start += 1000) {
    const auto f = classifier->features(images.slice(0, start, start + 1000));
    features.push_back(f);
    logits.push_back(classifier->logits(f));
  }
  return {torch::cat(features), torch::cat(logits)};
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100 * share);
  return text;
}

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

std::string read_if_exists(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return {};
  try {
    return read_file(path);
  } catch (const Error&) {
    return {};
  }
}

// Writes a cache file; a cache that cannot be written only costs time later.
void write_cache(const std::string& path, const std::string& bytes) {
  try {
    make_directories(fs::path(path).parent_path().string());
    write_file_atomically(path, bytes);
  } catch (const Error& error) {
    std::fprintf(stderr, "GanStudio: cannot cache the quality meter's data: %s\n", error.what());
  }
}

}  // namespace

std::string default_quality_cache() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
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
  uint64_t hash = 0xCBF29CE484222325ull;
  const int64_t shape[] = {data.count, data.rows, data.cols};
  hash = fnv1a(hash, shape, sizeof shape);
  hash = fnv1a(hash, data.pixels.data(), data.pixels.size());
  return fnv1a(hash, data.labels.data(), data.labels.size());
}

namespace {

ClassifierFile train_file(const ImageSet& data, const DataSplit& split,
                          const MeterOptions& options) {
  if (options.threads > 0) at::set_num_threads(options.threads);
  const int classes = data.class_count();
  Classifier classifier = make_classifier(classes, /*seed=*/1);
  ClassifierTraining training;
  if (options.classifier_steps > 0) training.max_steps = options.classifier_steps;
  if (options.progress) {
    training.progress = [&](double fraction) {
      options.progress("training the quality meter's classifier", fraction);
    };
  }
  train_classifier(classifier, images_at(data, split.train), labels_at(data, split.train),
                   training);
  ClassifierFile file;
  file.data_hash = data_fingerprint(data);
  file.classes = classes;
  file.accuracy = classifier_accuracy(classifier, images_at(data, split.held_out),
                                      labels_at(data, split.held_out));
  file.weights = classifier_weights(classifier);
  return file;
}

}  // namespace

double train_classifier_file(const ImageSet& data, const std::string& path,
                             const MeterOptions& options) {
  if (data.labels.empty()) throw Error(data.source + ": has no labels to train a classifier on");
  const ClassifierFile file = train_file(data, split_data(data.count), options);
  write_file_atomically(path, encode(file));
  return file.accuracy;
}

// --- The meter
// -------------------------------------------------------------------------------------

struct QualityMeter::Impl {
  Classifier classifier{nullptr};
  int classes = 0;  // 0: unlabelled data
  double accuracy = NAN;
  torch::Tensor real_mean;
  torch::Tensor real_covariance;
  torch::Tensor real_features;
  torch::Tensor real_radii;
  torch::Tensor class_share;  // double [classes]
  std::string description;
  ImageBatch held_out;
};

QualityMeter::QualityMeter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QualityMeter::~QualityMeter() = default;
QualityMeter::QualityMeter(QualityMeter&&) noexcept = default;
QualityMeter& QualityMeter::operator=(QualityMeter&&) noexcept = default;

QualityMeter QualityMeter::for_data(const ImageSet& original, const MeterOptions& options) {
  // The classifier sees 28 x 28 grayscale: other sizes and RGB are scaled and converted (by
  // luminance), for the real images here and for the samples in score().
  const bool fits = original.has_shape(ImageShape{1, 28});
  const ImageSet fitted = fits ? ImageSet{} : fit_images(original, ImageShape{1, 28});
  const ImageSet& data = fits ? original : fitted;
  auto impl = std::make_unique<Impl>();
  const uint64_t fingerprint = data_fingerprint(data);
  const std::string cache = options.cache_dir.empty() ? default_quality_cache() : options.cache_dir;
  DataSplit split = split_data(data.count);
  std::vector<int64_t> held(split.held_out.begin(),
                            split.held_out.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                         kMaxHeldOut, split.held_out.size())));
  impl->classes = data.class_count();

  // The classifier: shipped, cached, or trained now; an untrained CNN for unlabelled data.
  std::string source;
  std::string weights;
  if (impl->classes > 0) {
    const std::string_view shipped = GANSTUDIO_INCBIN_VIEW(ganstudio_digits_classifier);
    std::optional<ClassifierFile> file;
    if (!shipped.empty()) {
      ClassifierFile candidate = decode_classifier(shipped, "the shipped digits classifier");
      if (candidate.data_hash == fingerprint) {
        file = std::move(candidate);
        source = "shipped";
      }
    }
    const std::string cached =
        (fs::path(cache) / ("classifier-" + hex(fingerprint) + ".bin")).string();
    if (!file) {
      try {
        const std::string bytes = read_if_exists(cached);
        if (!bytes.empty()) {
          ClassifierFile candidate = decode_classifier(bytes, cached);
          if (candidate.data_hash == fingerprint && candidate.classes == impl->classes) {
            file = std::move(candidate);
            source = "cached";
          }
        }
      } catch (const Error&) {
        // A damaged cache is rebuilt, never trusted.
      }
    }
    if (!file) {
      file = train_file(data, split, options);
      write_cache(cached, encode(*file));
      source = "trained here";
    }
    impl->classifier = make_classifier(file->classes, 1);
    load_classifier_weights(impl->classifier, file->weights);
    impl->accuracy = file->accuracy;
    weights = file->weights;
    impl->description = "classifier of " + std::to_string(impl->classes) + " classes (" + source +
                        "; " + percent(impl->accuracy) + " on " +
                        thousands(static_cast<int64_t>(split.held_out.size())) +
                        " held-out images)";
  } else {
    impl->classifier = make_classifier(10, kUntrainedSeed);
    impl->classifier->eval();
    weights = classifier_weights(impl->classifier);
    impl->description = "an untrained CNN's features (unlabelled data: distance only)";
  }
  const uint64_t classifier_hash = fnv1a(0xCBF29CE484222325ull, weights.data(), weights.size());

  // The held-out images' statistics: cached, or computed now.
  const std::string stats_path =
      (fs::path(cache) / ("reference-" + hex(fingerprint) + "-" + hex(classifier_hash) + ".bin"))
          .string();
  const int64_t n = static_cast<int64_t>(held.size());
  const int classes = impl->classes;
  bool loaded = false;
  try {
    const std::string bytes = read_if_exists(stats_path);
    if (!bytes.empty()) {
      Reader in(bytes, kStatisticsMagic, stats_path);
      if (in.get<uint64_t>() == fingerprint && in.get<uint64_t>() == classifier_hash &&
          in.get<int64_t>() == n) {
        impl->real_mean = in.tensor(torch::kFloat64, {kFeatureDim});
        impl->real_covariance = in.tensor(torch::kFloat64, {kFeatureDim, kFeatureDim});
        impl->real_features = in.tensor(torch::kFloat32, {n, kFeatureDim});
        impl->real_radii = in.tensor(torch::kFloat32, {n});
        impl->class_share = in.tensor(torch::kFloat64, {classes});
        in.expect_end();
        loaded = true;
      }
    }
  } catch (const Error&) {
    loaded = false;  // damaged: rebuilt below
  }
  if (!loaded) {
    const auto features = run_classifier(impl->classifier, images_at(data, held)).first;
    std::tie(impl->real_mean, impl->real_covariance) = mean_and_covariance(features);
    impl->real_features = features.contiguous();
    impl->real_radii = knn_radii(features, kNeighbours).contiguous();
    impl->class_share = torch::zeros({classes}, torch::kFloat64);
    if (classes > 0) {
      impl->class_share = torch::bincount(labels_at(data, held), {}, classes).to(torch::kFloat64) /
                          static_cast<double>(n);
    }
    Writer out(kStatisticsMagic);
    out.put(fingerprint);
    out.put(classifier_hash);
    out.put(n);
    for (const torch::Tensor& t : {impl->real_mean, impl->real_covariance, impl->real_features,
                                   impl->real_radii, impl->class_share}) {
      out.tensor(t);
    }
    write_cache(stats_path, out.finish());
  }
  impl->description += ", " + thousands(n) + " held-out images";
  impl->held_out.count = static_cast<int>(n);
  impl->held_out.side = data.rows;
  const size_t side = static_cast<size_t>(data.rows) * data.cols;
  impl->held_out.pixels.resize(held.size() * side);
  for (size_t i = 0; i < held.size(); ++i) {
    std::memcpy(impl->held_out.pixels.data() + i * side, data.pixels.data() + held[i] * side, side);
  }
  return QualityMeter(std::move(impl));
}

namespace {

ImageBatch as_classifier_input(const ImageBatch& samples) {
  if (samples.side == 28 && samples.channels == 1) return samples;
  ImageBatch out;
  out.count = samples.count;
  out.side = 28;
  for (int i = 0; i < samples.count; ++i) {
    const Image fitted = fit_square(with_channels(samples.image(i), 1), 28);
    out.pixels.insert(out.pixels.end(), fitted.pixels.begin(), fitted.pixels.end());
  }
  return out;
}

}  // namespace

QualityScores QualityMeter::score(const ImageBatch& original,
                                  const std::vector<int>& requested) const {
  if (original.count < 2) throw Error("the quality meter scores at least 2 samples");
  const ImageBatch samples = as_classifier_input(original);
  QualityScores scores;
  scores.samples = samples.count;
  const auto [features, logits] = run_classifier(impl_->classifier, batch_to_tensor(samples));
  const auto [mean, covariance] = mean_and_covariance(features);
  scores.fd = frechet_distance(mean, covariance, impl_->real_mean, impl_->real_covariance);
  if (impl_->classes == 0) return scores;

  scores.classes = impl_->classes;
  const auto probabilities = torch::softmax(logits.to(torch::kFloat64), 1);
  scores.confidence = std::get<0>(probabilities.max(1)).mean().item<double>();
  const auto share =
      torch::bincount(probabilities.argmax(1), {}, impl_->classes).to(torch::kFloat64) /
      static_cast<double>(samples.count);
  const auto* p = share.data_ptr<double>();
  const auto* q = impl_->class_share.data_ptr<double>();
  scores.kl = 0;
  for (int c = 0; c < impl_->classes; ++c) {
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
      precision_recall(impl_->real_features, impl_->real_radii, features, fake_radii);
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
double QualityMeter::held_out_accuracy() const { return impl_->accuracy; }
const ImageBatch& QualityMeter::held_out() const { return impl_->held_out; }

}  // namespace gs
