// ganstudio-cli classifier: trains the quality meter's classifier for a labelled data set and
// writes it (scripts/make-digits-classifier.sh makes the one shipped for the embedded digits).
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command_line.h"
#include "model/data/image_set.h"
#include "model/quality/quality_meter.h"

namespace gs::cli {

namespace {

struct ClassifierOptions {
  std::string data = kEmbeddedDigits;
  std::string out;
  int threads = 2;
};

int train(const ClassifierOptions& o) {
  const ImageSet data = load_image_set(o.data);
  MeterOptions options;
  options.threads = o.threads;
  options.progress = [](const std::string& what, double fraction) {
    std::fprintf(stderr, "\r%s: %3.0f%%%s", what.c_str(), 100 * fraction,
                 fraction >= 1 ? "\n" : "");
  };
  const DataSplit split = split_data(data.count);
  const double accuracy = train_classifier_file(data, o.out, options);
  std::printf("trained on %zu images of %s, %.2f%% right on the %zu held out; wrote %s\n",
              split.train.size(), data.source.c_str(), 100 * accuracy, split.held_out.size(),
              o.out.c_str());
  return 0;
}

}  // namespace

Command add_classifier_command(CLI::App& cli) {
  auto o = std::make_shared<ClassifierOptions>();
  CLI::App* command = cli.add_subcommand(
      "classifier", "train the quality meter's classifier for a labelled data set");
  command->footer(
      "Trains on 80% of the data set (a fixed split) and reports the accuracy on the other 20%. "
      "The meter trains and caches one by itself on first use; this command writes one to a file "
      "(the embedded digits' is shipped: scripts/make-digits-classifier.sh).");
  command->add_option("--data", o->data, "a labelled IDX data set, or embedded")
      ->capture_default_str();
  command->add_option("--out", o->out, "the classifier file to write")->required();
  command
      ->add_option("--threads", o->threads,
                   "CPU threads; the same data and thread count give the same file, bit for bit")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  return {command, [o] { return train(*o); }};
}

}  // namespace gs::cli
