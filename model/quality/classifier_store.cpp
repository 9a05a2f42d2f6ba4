#include "model/quality/classifier_store.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string_view>

#include "model/core/number_text.h"
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

// What a classifier learns: the data set's classes, or (unlabelled data) which of four rotations
// an image was turned by, a task that needs no labels (Gidaris et al. 2018, "Unsupervised
// representation learning by predicting image rotations"): to tell the turns apart the network
// must learn the shapes, parts and their layout in the person's own pictures.
enum class Task { Classes, Rotations };

constexpr int kRotations = 4;

// `images` with each image also turned by 90, 180 and 270 degrees, and the turns as labels.
std::pair<torch::Tensor, torch::Tensor> rotations_of(const torch::Tensor& images) {
  std::vector<torch::Tensor> turned;
  std::vector<torch::Tensor> labels;
  for (int64_t k = 0; k < kRotations; ++k) {
    turned.push_back(torch::rot90(images, k, {2, 3}));
    labels.push_back(torch::full({images.size(0)}, k, torch::kLong));
  }
  return {torch::cat(turned), torch::cat(labels)};
}

int classes_of(const ImageSet& data, Task task) {
  return task == Task::Classes ? data.class_count() : kRotations;
}

// The task's examples from the images at `indices`: the images and their labels, or their turns.
std::pair<torch::Tensor, torch::Tensor> examples(const ImageSet& data,
                                                 const std::vector<int64_t>& indices, Task task) {
  if (task == Task::Rotations) return rotations_of(images_at(data, indices));
  return {images_at(data, indices), labels_at(data, indices)};
}

ClassifierFile train_file(const ImageSet& data, const DataSplit& split, Task task,
                          const MeterOptions& options) {
  if (options.threads > 0) at::set_num_threads(options.threads);
  const int classes = classes_of(data, task);
  Classifier classifier = make_classifier(classes, /*seed=*/1, data.channels, data.rows);
  ClassifierTraining training;
  if (options.classifier_steps > 0) training.max_steps = options.classifier_steps;
  if (options.progress) {
    const char* what = task == Task::Classes ? "training the quality meter's classifier"
                                             : "training the quality meter's feature network";
    training.progress = [&options, what](double fraction) { options.progress(what, fraction); };
  }
  const auto [images, labels] = examples(data, split.train, task);
  train_classifier(classifier, images, labels, training);
  const auto [held_images, held_labels] = examples(data, split.held_out, task);
  ClassifierFile file;
  file.data_hash = data_fingerprint(data);
  file.classes = classes;
  file.accuracy = classifier_accuracy(classifier, held_images, held_labels);
  file.weights = classifier_weights(classifier);
  return file;
}

// The shipped, the cached, or a newly trained classifier file, and which.
std::pair<ClassifierFile, std::string> find_or_train(const ImageSet& data, const DataSplit& split,
                                                     uint64_t fingerprint, Task task,
                                                     const std::string& cache_dir,
                                                     const MeterOptions& options) {
  const std::string_view shipped = GANSTUDIO_INCBIN_VIEW(ganstudio_digits_classifier);
  if (!shipped.empty() && task == Task::Classes) {
    ClassifierFile candidate = decode(shipped, "the shipped digits classifier");
    if (candidate.data_hash == fingerprint) return {std::move(candidate), "shipped"};
  }
  const int classes = classes_of(data, task);
  const std::string cached =
      (fs::path(cache_dir) /
       ((task == Task::Classes ? "classifier-" : "rotations-") + hex(fingerprint) + ".bin"))
          .string();
  try {
    const std::string bytes = read_cache(cached);
    if (!bytes.empty()) {
      ClassifierFile candidate = decode(bytes, cached);
      if (candidate.data_hash == fingerprint && candidate.classes == classes) {
        return {std::move(candidate), "cached"};
      }
    }
  } catch (const Error&) {
    // A damaged cache is rebuilt, never trusted.
  }
  ClassifierFile trained = train_file(data, split, task, options);
  write_cache(cached, encode(trained));
  return {std::move(trained), "trained here"};
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100 * share);
  return text;
}

}  // namespace

ChosenClassifier classifier_for(const ImageSet& data, const DataSplit& split, uint64_t fingerprint,
                                const std::string& cache_dir, const MeterOptions& options) {
  ChosenClassifier chosen;
  chosen.classes = data.class_count();
  const Task task = chosen.classes == 0 ? Task::Rotations : Task::Classes;
  auto [file, source] = find_or_train(data, split, fingerprint, task, cache_dir, options);
  chosen.classifier = make_classifier(file.classes, 1, data.channels, data.rows);
  load_classifier_weights(chosen.classifier, file.weights);
  chosen.weights = std::move(file.weights);
  const std::string seen = std::to_string(data.rows) + " x " + std::to_string(data.cols) +
                           (data.channels == 3 ? " RGB" : " grayscale");
  const std::string held = thousands(static_cast<int64_t>(split.held_out.size()));
  if (task == Task::Rotations) {
    // Unlabelled data: the distance only; the held-out accuracy is the rotation task's.
    chosen.description = "feature network taught by rotations on " + seen + " (" + source + "; " +
                         percent(file.accuracy) +
                         " of turns right on held-out images; unlabelled data: distance only)";
    return chosen;
  }
  chosen.accuracy = file.accuracy;
  chosen.description = "classifier of " + std::to_string(chosen.classes) + " classes on " + seen +
                       " (" + source + "; " + percent(chosen.accuracy) + " on " + held +
                       " held-out images)";
  return chosen;
}

}  // namespace quality

double train_classifier_file(const ImageSet& data, const std::string& path,
                             const MeterOptions& options) {
  if (data.labels.empty()) throw Error(data.source + ": has no labels to train a classifier on");
  const quality::ClassifierFile file =
      quality::train_file(data, split_data(data.count), quality::Task::Classes, options);
  write_file_atomically(path, quality::encode(file));
  return file.accuracy;
}

}  // namespace gs
