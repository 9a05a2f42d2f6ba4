#include "model/quality/classifier_store.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string_view>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/incbin.h"
#include "model/quality/cache_file.h"
#include "model/quality/meter_tensors.h"

// The digits classifier GanStudio ships (scripts/make-digits-classifier.sh; GANSTUDIO_CLASSIFIER is
// its absolute path, from model/CMakeLists.txt). An empty file means none: it is trained instead.
GANSTUDIO_INCBIN(ganstudio_digits_classifier, GANSTUDIO_CLASSIFIER)

namespace gs {

namespace quality {

namespace {

namespace fs = std::filesystem;

constexpr char kClassifierMagic[4] = {'G', 'S', 'Q', 'C'};
constexpr uint64_t kUntrainedSeed = 7;  // the CNN whose features stand in on unlabelled data

// A classifier file: the cache's, the shipped one's and `ganstudio-cli classifier`'s format.
struct ClassifierFile {
  uint64_t data_hash = 0;
  int32_t classes = 0;
  double accuracy = NAN;
  std::string weights;
};

std::string encode(const ClassifierFile& file) {
  CacheWriter out(kClassifierMagic);
  out.put(file.data_hash);
  out.put(file.classes);
  out.put(file.accuracy);
  out.bytes(file.weights);
  return out.finish();
}

ClassifierFile decode(std::string_view data, const std::string& name) {
  CacheReader in(data, kClassifierMagic, name);
  ClassifierFile file;
  file.data_hash = in.get<uint64_t>();
  file.classes = in.get<int32_t>();
  file.accuracy = in.get<double>();
  file.weights = in.bytes();
  in.expect_end();
  if (file.classes < 1 || file.classes > 10000) throw Error(name + ": bad class count");
  return file;
}

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

// The shipped, the cached, or a newly trained classifier file, and which.
std::pair<ClassifierFile, std::string> find_or_train(const ImageSet& data, const DataSplit& split,
                                                     uint64_t fingerprint,
                                                     const std::string& cache_dir,
                                                     const MeterOptions& options) {
  const std::string_view shipped = GANSTUDIO_INCBIN_VIEW(ganstudio_digits_classifier);
  if (!shipped.empty()) {
    ClassifierFile candidate = decode(shipped, "the shipped digits classifier");
    if (candidate.data_hash == fingerprint) return {std::move(candidate), "shipped"};
  }
  const std::string cached =
      (fs::path(cache_dir) / ("classifier-" + hex(fingerprint) + ".bin")).string();
  try {
    const std::string bytes = read_cache(cached);
    if (!bytes.empty()) {
      ClassifierFile candidate = decode(bytes, cached);
      if (candidate.data_hash == fingerprint && candidate.classes == data.class_count()) {
        return {std::move(candidate), "cached"};
      }
    }
  } catch (const Error&) {
    // A damaged cache is rebuilt, never trusted.
  }
  ClassifierFile trained = train_file(data, split, options);
  write_cache(cached, encode(trained));
  return {std::move(trained), "trained here"};
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100 * share);
  return text;
}

}  // namespace

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

ChosenClassifier classifier_for(const ImageSet& data, const DataSplit& split, uint64_t fingerprint,
                                const std::string& cache_dir, const MeterOptions& options) {
  ChosenClassifier chosen;
  chosen.classes = data.class_count();
  if (chosen.classes == 0) {
    chosen.classifier = make_classifier(10, kUntrainedSeed);
    chosen.classifier->eval();
    chosen.weights = classifier_weights(chosen.classifier);
    chosen.description = "an untrained CNN's features (unlabelled data: distance only)";
    return chosen;
  }
  auto [file, source] = find_or_train(data, split, fingerprint, cache_dir, options);
  chosen.classifier = make_classifier(file.classes, 1);
  load_classifier_weights(chosen.classifier, file.weights);
  chosen.accuracy = file.accuracy;
  chosen.weights = std::move(file.weights);
  chosen.description = "classifier of " + std::to_string(chosen.classes) + " classes (" + source +
                       "; " + percent(chosen.accuracy) + " on " +
                       thousands(static_cast<int64_t>(split.held_out.size())) + " held-out images)";
  return chosen;
}

}  // namespace quality

double train_classifier_file(const ImageSet& data, const std::string& path,
                             const MeterOptions& options) {
  if (data.labels.empty()) throw Error(data.source + ": has no labels to train a classifier on");
  const quality::ClassifierFile file = quality::train_file(data, split_data(data.count), options);
  write_file_atomically(path, quality::encode(file));
  return file.accuracy;
}

}  // namespace gs
