// ganstudio-cli evaluate: the quality meter's scores for a checkpoint, a run folder's newest
// checkpoint, or any IDX file of samples (made by other programs too), against a data set.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command_line.h"
#include "model/config/keys.h"
#include "model/data/idx.h"
#include "model/data/image_set.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/quality/quality_meter.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs::cli {

namespace {

struct EvaluateOptions {
  std::string checkpoint;
  std::string samples;
  std::string data;  // "": the checkpoint's data set, else the embedded digits
  int64_t count = kDefaultQualitySamples;
  int64_t seed = static_cast<int64_t>(kQualitySeed);
  std::string json;
  bool raw_generator = false;
};

ImageBatch samples_from_idx(const std::string& path, int64_t limit) {
  const IdxArray array = read_idx_file(path);
  if (array.dims.size() != 3 || array.dims[1] != 28 || array.dims[2] != 28) {
    throw Error(path + ": expected N x 28 x 28 images (an IDX file of unsigned bytes)");
  }
  ImageBatch batch;
  batch.side = 28;
  batch.count = static_cast<int>(std::min<int64_t>(array.dims[0], limit));
  batch.pixels.assign(array.data.begin(),
                      array.data.begin() + static_cast<std::ptrdiff_t>(batch.count) * 28 * 28);
  return batch;
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

std::string to_json(const QualityScores& q, const std::string& source, const ImageSet& data,
                    const std::string& meter) {
  std::string histogram = "[";
  for (size_t i = 0; i < q.histogram.size(); ++i) {
    histogram += (i ? ", " : "") + json_number(q.histogram[i]);
  }
  histogram += "]";
  std::string names = "[";  // the histogram's classes by name (an image folder's sub-folders)
  for (size_t i = 0; i < data.class_names.size(); ++i) {
    names += (i ? ", " : "") + json_string(data.class_names[i]);
  }
  names += "]";
  const auto labelled = [&](int value) { return q.labelled() ? std::to_string(value) : "null"; };
  return "{\n  \"fd\": " + json_number(q.fd) + ",\n  \"memorised\": " + json_number(q.memorised) +
         ",\n  \"classes_covered\": " + labelled(q.classes_covered) +
         ",\n  \"confidence\": " + json_number(q.confidence) +
         ",\n  \"precision\": " + json_number(q.precision) +
         ",\n  \"recall\": " + json_number(q.recall) + ",\n  \"kl\": " + json_number(q.kl) +
         ",\n  \"classes\": " + labelled(q.classes) + ",\n  \"histogram\": " + histogram +
         ",\n  \"class_names\": " + names +
         ",\n  \"conditional_accuracy\": " + json_number(q.conditional_accuracy) +
         ",\n  \"samples\": " + std::to_string(q.samples) +
         ",\n  \"source\": " + json_string(source) + ",\n  \"data\": " + json_string(data.source) +
         ",\n  \"meter\": " + json_string(meter) + "\n}\n";
}

int evaluate(const EvaluateOptions& o) {
  std::string source;
  ImageBatch samples;
  std::vector<int> requested;  // a conditional generator's classes, one per sample
  std::string data_path = o.data;
  ImageShape shape;  // as the checkpoint's run saw its data (IDX samples: 28 x 28 grayscale)
  if (!o.checkpoint.empty()) {
    const std::string checkpoint = RunDirectory::find_checkpoint(o.checkpoint);
    Sampler sampler = Sampler::from_checkpoint(
        checkpoint, "cpu", o.raw_generator ? Sampler::Source::Generator : Sampler::Source::Average);
    if (data_path.empty()) data_path = sampler.config().data.path;
    shape = image_shape(sampler.config());
    samples = sampler.generate(o.count, static_cast<uint64_t>(o.seed));
    requested = sampler.labels_for(o.count, -1);
    source = checkpoint;
  } else {
    samples = samples_from_idx(o.samples, o.count);
    source = o.samples;
  }
  if (data_path.empty()) data_path = kEmbeddedDigits;
  const ImageSet data = load_image_set(data_path, shape);
  MeterOptions options;
  options.progress = [](const std::string& what, double fraction) {
    std::fprintf(stderr, "\r%s: %3.0f%%%s", what.c_str(), 100 * fraction,
                 fraction >= 1 ? "\n" : "");
  };
  const QualityMeter meter = QualityMeter::for_data(data, options);
  const QualityScores q = meter.score(samples, requested);

  std::printf("samples     %d from %s\n", q.samples, source.c_str());
  std::printf("against     %s: %s\n", data.source.c_str(), meter.description().c_str());
  std::printf("fd          %.3f\n", q.fd);
  std::printf(
      "memorised   %.3f (share of samples closer to a training image than 99%% of "
      "held-out images are)\n",
      q.memorised);
  if (q.labelled()) {
    std::printf("classes     %d of %d covered (at least 2%% of the samples)\n", q.classes_covered,
                q.classes);
    std::printf("kl          %.4f (class histogram against the data's)\n", q.kl);
    std::printf("confidence  %.3f\n", q.confidence);
    std::printf("precision   %.3f\nrecall      %.3f\n", q.precision, q.recall);
    if (std::isfinite(q.conditional_accuracy)) {
      std::printf("conditional %.1f%% drawn in the class asked for\n",
                  100 * q.conditional_accuracy);
    }
    // Each class's share of the samples, by name when the data set's classes have names.
    std::printf("histogram  ");
    const bool named = data.class_names.size() == q.histogram.size();
    for (size_t i = 0; i < q.histogram.size(); ++i) {
      if (named) {
        std::printf("%s %s %.3f", i ? "," : "", data.class_names[i].c_str(), q.histogram[i]);
      } else {
        std::printf(" %.3f", q.histogram[i]);
      }
    }
    std::printf("\n");
  }
  if (!o.json.empty()) {
    write_file_atomically(o.json, to_json(q, source, data, meter.description()));
    std::printf("wrote %s\n", o.json.c_str());
  }
  return 0;
}

}  // namespace

Command add_evaluate_command(CLI::App& cli) {
  auto o = std::make_shared<EvaluateOptions>();
  CLI::App* command = cli.add_subcommand(
      "evaluate", "score samples with the quality meter (a checkpoint's, or any IDX file)");
  command->footer(
      "Scores N samples of a checkpoint's generator (or the images of an IDX file) against the "
      "held-out images of a data set: the Fréchet distance between classifier features, the "
      "classes covered, the class histogram's KL divergence to the data's, mean confidence, "
      "precision and recall, and the share of samples that copy training images (memorised, "
      "docs/HEALTH.md). --json writes them for scripts (fd, memorised, classes_covered, "
      "confidence, precision, recall at the top level).");
  CLI::Option* checkpoint = command->add_option(
      "--checkpoint", o->checkpoint, "a checkpoint, or a run folder (its newest checkpoint)");
  CLI::Option* samples =
      command->add_option("--samples", o->samples, "an IDX file of N x 28 x 28 images");
  checkpoint->excludes(samples);
  command->add_option("--data", o->data,
                      "the data set to compare with (default: the checkpoint's, else the "
                      "embedded digits)");
  command->add_option("--count", o->count, "how many samples (of the IDX file: the first N)")
      ->check(CLI::Range(int64_t{2}, int64_t{100000}))
      ->capture_default_str();
  command->add_option("--seed", o->seed, "random seed of the latent vectors")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 62))
      ->capture_default_str();
  command->add_option("--json", o->json, "write the scores as JSON");
  command
      ->add_flag(
          "--raw-generator", o->raw_generator,
          std::string("score G itself rather than its moving average (") + keys::kGAverage + ")")
      ->needs(checkpoint);
  return {command, [o] {
            if (o->checkpoint.empty() && o->samples.empty()) {
              throw UsageError("give --checkpoint FILE|RUN_DIR or --samples FILE.idx");
            }
            return evaluate(*o);
          }};
}

}  // namespace gs::cli
