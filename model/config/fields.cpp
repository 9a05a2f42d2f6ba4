// The field table: every configuration key in one row, in the order config.yaml writes them. A row
// binds the key to its member of RunConfig and says everything known of it: its type and range,
// what an unset key resolves to on each preset, whether it may change while a run trains, when a
// value is unusual, and how the window shows it (group, place, label, editor, choices, the label
// of its change marker). Adding a setting is adding a row here and using its member where it acts.
#include <algorithm>
#include <limits>

#include "model/config/field.h"
#include "model/config/field_makers.h"
#include "model/config/keys.h"
#include "model/core/limits.h"

namespace gs::config_detail {

namespace {

std::string check_device(const std::string& text) {
  if (text == "auto" || text == "cpu" || text == "cuda") return {};
  if (text.rfind("cuda:", 0) == 0 && text.size() > 5 &&
      std::all_of(text.begin() + 5, text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  return "must be auto, cpu, cuda or cuda:N";
}

std::string check_not_empty(const std::string& text) {
  return text.empty() ? "must not be empty" : std::string{};
}

std::string check_anything(const std::string&) { return {}; }

std::string check_background(const std::string& text) {
  return parse_background(text) ? std::string{} : "must be white, black, gray or #RRGGBB";
}

std::vector<Field> data_fields() {
  std::vector<Field> f;
  f.push_back(
      text_field(
          keys::kDataPath,
          "training images: 'embedded' (10,000 MNIST digits built in), an IDX file or a "
          "folder",
          [](RunConfig& c) -> std::string& { return c.data.path; }, check_not_empty)
          .form(FormGroup::DataAndModel, 20, GS_TRANSLATE("gs::settings", "&Data set"))
          .editor(FormEditor::DataSet)
          .choices({{"embedded", GS_TRANSLATE("gs::settings", "Embedded digits"),
                     GS_TRANSLATE("gs::settings", "10,000 MNIST digits built into GanStudio")}}));
  f.push_back(integer_field(
                  keys::kImageSize,
                  "side of the square images trained on: 28, 32 or 64 (images are scaled and "
                  "centre-cropped)",
                  [](RunConfig& c) -> int& { return c.data.image_size; }, 28, 64)
                  .form(FormGroup::DataAndModel, 30, GS_TRANSLATE("gs::settings", "Image si&ze"))
                  .editor(FormEditor::Choice)
                  .choices({{"28", GS_TRANSLATE("gs::settings", "28 × 28"),
                             GS_TRANSLATE("gs::settings", "MNIST's size, the seed's")},
                            {"32", GS_TRANSLATE("gs::settings", "32 × 32"),
                             GS_TRANSLATE("gs::settings", "images scaled and centre-cropped")},
                            {"64", GS_TRANSLATE("gs::settings", "64 × 64"),
                             GS_TRANSLATE("gs::settings", "images scaled and centre-cropped")}}));
  f.push_back(integer_field(
                  keys::kChannels, "1 (grayscale) or 3 (RGB)",
                  [](RunConfig& c) -> int& { return c.data.channels; }, 1, 3)
                  .form(FormGroup::DataAndModel, 40, GS_TRANSLATE("gs::settings", "C&olour"))
                  .editor(FormEditor::Choice)
                  .choices({{"1", GS_TRANSLATE("gs::settings", "Grayscale"),
                             GS_TRANSLATE("gs::settings", "one channel")},
                            {"3", GS_TRANSLATE("gs::settings", "RGB"),
                             GS_TRANSLATE("gs::settings", "three channels, colour")}}));
  f.push_back(text_field(
                  keys::kBackground,
                  "what the transparent parts of pictures are composited on: white, black, gray or "
                  "#RRGGBB",
                  [](RunConfig& c) -> std::string& { return c.data.background; }, check_background)
                  .form(FormGroup::DataAndModel, 45, GS_TRANSLATE("gs::settings", "Background"))
                  .editor(FormEditor::Choice)
                  .choices({{"black", GS_TRANSLATE("gs::settings", "Black"),
                             GS_TRANSLATE("gs::settings",
                                          "transparent parts become black: the fewest pixels of "
                                          "real icons are that dark, so their shapes stay apart "
                                          "from it")},
                            {"white", GS_TRANSLATE("gs::settings", "White"),
                             GS_TRANSLATE("gs::settings", "transparent parts become white")},
                            {"gray", GS_TRANSLATE("gs::settings", "Gray"),
                             GS_TRANSLATE("gs::settings", "transparent parts become mid-gray")}}));
  return f;
}

std::vector<Field> model_fields() {
  std::vector<Field> f;
  f.push_back(
      choice_field<Preset>(keys::kPreset,
                           "network pair: seed (the blog post's DCGAN) or compact (cheaper, for "
                           "CPUs); unset: seed on CUDA, compact on CPU",
                           [](RunConfig& c) -> std::optional<Preset>& { return c.model.preset; },
                           {{"seed", Preset::Seed}, {"compact", Preset::Compact}})
          .form(FormGroup::DataAndModel, 10, GS_TRANSLATE("gs::settings", "&Preset"))
          .choices({{"", GS_TRANSLATE("gs::settings", "Automatic"),
                     GS_TRANSLATE("gs::settings", "seed on a GPU, compact on a CPU")},
                    {"seed", GS_TRANSLATE("gs::settings", "seed"),
                     GS_TRANSLATE("gs::settings", "the blog post's DCGAN")},
                    {"compact", GS_TRANSLATE("gs::settings", "compact"),
                     GS_TRANSLATE("gs::settings", "narrower networks, fast on CPUs")}}));
  f.push_back(
      integer_field(
          "model.noise_dim", "length of the latent vector z fed to the generator",
          [](RunConfig& c) -> int& { return c.model.noise_dim; }, 1, 4096)
          .form(FormGroup::DataAndModel, 80, GS_TRANSLATE("gs::settings", "&Noise dimension")));
  f.push_back(
      widths_field(keys::kGWidths,
                   "generator channel widths (seed: 4 values, compact: 3); unset: the preset's",
                   [](RunConfig& c) -> std::vector<int>& { return c.model.g_widths; })
          .by_preset("[64, 128, 64, 64]", "[64, 32, 16]"));
  f.push_back(
      widths_field(keys::kDWidths,
                   "discriminator channel widths (seed: 4 values, compact: 3); unset: the preset's",
                   [](RunConfig& c) -> std::vector<int>& { return c.model.d_widths; })
          .by_preset("[64, 64, 128, 128]", "[16, 32, 64]"));
  f.push_back(
      bool_field(keys::kConditional,
                 "class-conditional: G draws the class it is asked for and D judges image and "
                 "class together (needs a labelled data set)",
                 [](RunConfig& c) -> bool& { return c.model.conditional; })
          .form(FormGroup::DataAndModel, 50, GS_TRANSLATE("gs::settings", "Co&nditional"))
          .choices({{"false", GS_TRANSLATE("gs::settings", "No"),
                     GS_TRANSLATE("gs::settings", "G draws any class")},
                    {"true", GS_TRANSLATE("gs::settings", "Yes, by class"),
                     GS_TRANSLATE(
                         "gs::settings",
                         "G draws the class it is asked for (the explorer's class picker); needs "
                         "labels")}}));
  f.push_back(names_field(
      "model.class_names",
      "the classes by name, in label order (an image folder's sub-folders); set from the data "
      "set",
      [](RunConfig& c) -> std::vector<std::string>& { return c.model.class_names; }));
  f.push_back(integer_field(
      keys::kClasses, "classes of a conditional model; 0: the data set's",
      [](RunConfig& c) -> int& { return c.model.classes; }, 0, 1000));
  f.push_back(
      bool_field("model.spectral_norm", "spectral normalisation of the discriminator's weights",
                 [](RunConfig& c) -> bool& { return c.model.spectral_norm; })
          .form(FormGroup::DataAndModel, 60, GS_TRANSLATE("gs::settings", "Spectral &norm in D"))
          .choices({{"false", GS_TRANSLATE("gs::settings", "Off"),
                     GS_TRANSLATE("gs::settings", "D's weights as they are")},
                    {"true", GS_TRANSLATE("gs::settings", "On"),
                     GS_TRANSLATE("gs::settings",
                                  "spectral normalisation of D's layers (steadier training)")}}));
  return f;
}

std::vector<Field> method_fields() {
  std::vector<Field> f;
  f.push_back(
      choice_field<Loop>(
          "training.loop",
          "seed-exact (the post's loop, step for step) or fast (one generator forward feeds both "
          "steps); unset: the preset's (seed: seed-exact, compact: fast)",
          [](RunConfig& c) -> std::optional<Loop>& { return c.training.loop; },
          {{"seed-exact", Loop::SeedExact}, {"fast", Loop::Fast}})
          .by_preset("seed-exact", "fast")
          .form(FormGroup::DataAndModel, 90, GS_TRANSLATE("gs::settings", "&Loop"))
          .choices({{"", GS_TRANSLATE("gs::settings", "Automatic"),
                     GS_TRANSLATE("gs::settings", "the preset's loop")},
                    {"seed-exact", GS_TRANSLATE("gs::settings", "seed-exact"),
                     GS_TRANSLATE("gs::settings", "the post's loop, step for step")},
                    {"fast", GS_TRANSLATE("gs::settings", "fast"),
                     GS_TRANSLATE("gs::settings",
                                  "one generator forward per iteration, G's step reuses it")}}));
  f.push_back(choice_field<Precision>(
                  "training.precision",
                  "arithmetic: fp32, or bf16 (mixed precision, faster on CPUs with AVX512-BF16)",
                  [](RunConfig& c) -> std::optional<Precision>& { return c.training.precision; },
                  {{"fp32", Precision::Fp32}, {"bf16", Precision::Bf16}})
                  .resolves_to("fp32")
                  .form(FormGroup::DataAndModel, 110, GS_TRANSLATE("gs::settings", "Pre&cision"))
                  .choices({{"", GS_TRANSLATE("gs::settings", "Automatic"),
                             GS_TRANSLATE("gs::settings", "fp32 unless set")},
                            {"fp32", GS_TRANSLATE("gs::settings", "fp32"),
                             GS_TRANSLATE("gs::settings", "32-bit floating point")},
                            {"bf16", GS_TRANSLATE("gs::settings", "bf16"),
                             GS_TRANSLATE("gs::settings", "mixed precision (bfloat16)")}}));
  f.push_back(
      choice_field<MemoryFormat>(
          "training.memory_format",
          "tensor layout for convolutions: channels-last or contiguous; unset: the faster "
          "one here",
          [](RunConfig& c) -> std::optional<MemoryFormat>& { return c.training.memory_format; },
          {{"channels-last", MemoryFormat::ChannelsLast}, {"contiguous", MemoryFormat::Contiguous}})
          .resolves_to("channels-last"));
  f.push_back(
      choice_field<Loss>(
          "training.loss",
          "the GAN objective: bce (the seed's binary cross-entropy), hinge, wgan-gp (Wasserstein "
          "with a gradient penalty; training.n_critic and training.gp_lambda) or lsgan (least "
          "squares)",
          [](RunConfig& c) -> std::optional<Loss>& { return c.training.loss; },
          {{"bce", Loss::Bce},
           {"hinge", Loss::Hinge},
           {"wgan-gp", Loss::WganGp},
           {"lsgan", Loss::Lsgan}})
          .resolves_to("bce")
          .form(FormGroup::DataAndModel, 100, GS_TRANSLATE("gs::settings", "Loss f&unction"))
          .choices({{"", GS_TRANSLATE("gs::settings", "Automatic"),
                     GS_TRANSLATE("gs::settings", "the seed's binary cross-entropy unless set")},
                    {"bce", GS_TRANSLATE("gs::settings", "bce"),
                     GS_TRANSLATE("gs::settings", "binary cross-entropy, the seed's")},
                    {"hinge", GS_TRANSLATE("gs::settings", "hinge"),
                     GS_TRANSLATE("gs::settings", "hinge loss (SN-GAN)")},
                    {"wgan-gp", GS_TRANSLATE("gs::settings", "wgan-gp"),
                     GS_TRANSLATE("gs::settings",
                                  "Wasserstein critic with a gradient penalty (training.n_critic, "
                                  "training.gp_lambda in the configuration file)")},
                    {"lsgan", GS_TRANSLATE("gs::settings", "lsgan"),
                     GS_TRANSLATE("gs::settings", "least squares")}}));
  f.push_back(
      choice_field<Augment>(
          keys::kAugment,
          "differentiable augmentation of D's real and fake inputs (colour, translation, cutout; "
          "Zhao et al. 2020) against D memorising a small data set: off, diffaugment (always), or "
          "ada (each transform at a strength tuned from D's overfitting, Karras et al. 2020); "
          "unset: diffaugment for data sets of fewer than 10,000 images",
          [](RunConfig& c) -> std::optional<Augment>& { return c.training.augment; },
          {{"off", Augment::Off}, {"diffaugment", Augment::DiffAugment}, {"ada", Augment::Ada}})
          .form(FormGroup::DataAndModel, 105, GS_TRANSLATE("gs::settings", "Augmentation"))
          .choices({{"", GS_TRANSLATE("gs::settings", "Automatic"),
                     GS_TRANSLATE("gs::settings",
                                  "DiffAugment for data sets of fewer than 10,000 images, off "
                                  "for larger ones")},
                    {"off", GS_TRANSLATE("gs::settings", "Off"),
                     GS_TRANSLATE("gs::settings", "D sees the images as they are")},
                    {"diffaugment", GS_TRANSLATE("gs::settings", "DiffAugment"),
                     GS_TRANSLATE("gs::settings",
                                  "D sees real and fake images with random colour, shifts and "
                                  "cut-outs: small data sets train far better")},
                    {"ada", GS_TRANSLATE("gs::settings", "Adaptive"),
                     GS_TRANSLATE("gs::settings",
                                  "The same transforms, each with a probability that rises while "
                                  "D tells the real images apart too surely and falls when it "
                                  "does not (shown on the accuracy chart)")}}));
  f.push_back(integer_field(
      keys::kNCritic, "wgan-gp: critic steps per generator step",
      [](RunConfig& c) -> int& { return c.training.n_critic; }, 1, 100));
  f.push_back(
      real_field(keys::kGpLambda, "wgan-gp: weight of the gradient penalty; unset: 10",
                 [](RunConfig& c) -> std::optional<double>& { return c.training.gp_lambda; },
                 {0, false, 1e6, false})
          .resolves_to("10"));
  f.push_back(integer_field(
                  keys::kBatchSize,
                  "images per batch (for D's real and fake steps and for G's step)",
                  [](RunConfig& c) -> int& { return c.training.batch_size; }, 1, 65536)
                  .usual(-std::numeric_limits<double>::infinity(), 1024,
                         "batches above 1024 make few, slow updates on these data sets")
                  .form(FormGroup::DataAndModel, 70, GS_TRANSLATE("gs::settings", "&Batch size")));
  return f;
}

std::vector<Field> optimizer_fields() {
  const char* rate_advice =
      "Adam's learning rate for a DCGAN is usually between 0.00001 and 0.01 (the seed uses "
      "0.0001, the CPU default 0.0004)";
  std::vector<Field> f;
  f.push_back(integer_field(
                  keys::kIterations,
                  "length of the run in iterations (set this or training.epochs)",
                  [](RunConfig& c) -> std::optional<int64_t>& { return c.training.iterations; }, 1,
                  kMostIterations)
                  .live()
                  .resolves_to(std::to_string(kDefaultIterations))
                  .excludes(keys::kEpochs)
                  .form(FormGroup::Length, 10, GS_TRANSLATE("gs::settings", "&Iterations"))
                  .chart(GS_TRANSLATE("gs::settings", "iterations")));
  f.push_back(
      real_field(keys::kEpochs,
                 "length of the run in passes over the data set (set this or training.iterations)",
                 [](RunConfig& c) -> std::optional<double>& { return c.training.epochs; },
                 {0, true, 1e6, false})
          .live()
          .excludes(keys::kIterations)
          .form(FormGroup::Length, 20, GS_TRANSLATE("gs::settings", "&Epochs"))
          .chart(GS_TRANSLATE("gs::settings", "epochs")));
  f.push_back(
      real_field(keys::kLearningRateD,
                 "Adam learning rate of the discriminator; unset: the preset's",
                 [](RunConfig& c) -> std::optional<double>& { return c.training.learning_rate_d; },
                 {0, true, 10, false})
          .live()
          .by_preset("0.0001", "0.0004")
          .usual(1e-5, 1e-2, rate_advice)
          .linked_with(keys::kLearningRateG)
          .form(FormGroup::Optimizer, 10, GS_TRANSLATE("gs::settings", "Learning rate &D"))
          .chart(GS_TRANSLATE("gs::settings", "lr D")));
  f.push_back(
      real_field(keys::kLearningRateG, "Adam learning rate of the generator; unset: the preset's",
                 [](RunConfig& c) -> std::optional<double>& { return c.training.learning_rate_g; },
                 {0, true, 10, false})
          .live()
          .by_preset("0.0001", "0.0004")
          .usual(1e-5, 1e-2, rate_advice)
          .linked_with(keys::kLearningRateD)
          .form(FormGroup::Optimizer, 20, GS_TRANSLATE("gs::settings", "Learning rate &G"))
          .chart(GS_TRANSLATE("gs::settings", "lr G")));
  f.push_back(real_field("training.beta1", "Adam beta1 for both networks; unset: the preset's",
                         [](RunConfig& c) -> std::optional<double>& { return c.training.beta1; },
                         {0, false, 1, true})
                  .live()
                  .by_preset("0.9", "0.5")
                  .usual(-std::numeric_limits<double>::infinity(), 0.95,
                         "GANs usually train with beta1 between 0 and 0.9 (DCGAN's paper uses 0.5, "
                         "the seed Keras's 0.9)")
                  .form(FormGroup::Optimizer, 30, GS_TRANSLATE("gs::settings", "β&1"))
                  .chart(GS_TRANSLATE("gs::settings", "β1")));
  f.push_back(
      real_field("training.beta2", "Adam beta2 for both networks; unset: the preset's",
                 [](RunConfig& c) -> std::optional<double>& { return c.training.beta2; },
                 {0, false, 1, true})
          .live()
          .by_preset("0.999", "0.999")
          .usual(0.9, std::numeric_limits<double>::infinity(), "beta2 is usually 0.99 or 0.999")
          .form(FormGroup::Optimizer, 40, GS_TRANSLATE("gs::settings", "β&2"))
          .chart(GS_TRANSLATE("gs::settings", "β2")));
  f.push_back(real_field("training.epsilon", "Adam epsilon for both networks; unset: the preset's",
                         [](RunConfig& c) -> std::optional<double>& { return c.training.epsilon; },
                         {0, true, 1, false})
                  .by_preset("1e-07", "1e-08"));
  f.push_back(
      real_field(keys::kGAverage,
                 "decay of the moving average of G's weights that draws samples, grids "
                 "and exports (0: off); unset: the preset's (seed 0, compact 0.999)",
                 [](RunConfig& c) -> std::optional<double>& { return c.training.g_average; },
                 {0, false, 1, true})
          .by_preset("0", "0.999"));
  return f;
}

std::vector<Field> machine_fields() {
  std::vector<Field> f;
  f.push_back(integer_field(
                  keys::kSeed,
                  "random seed: the same seed, device and threads give the same run on CPU",
                  [](RunConfig& c) -> int64_t& { return c.training.seed; }, 0,
                  std::numeric_limits<int64_t>::max())
                  .form(FormGroup::DataAndModel, 130, GS_TRANSLATE("gs::settings", "&Seed")));
  f.push_back(text_field(
                  keys::kDevice, "auto (CUDA when available, else CPU), cpu, cuda or cuda:N",
                  [](RunConfig& c) -> std::string& { return c.training.device; }, check_device)
                  .form(FormGroup::DataAndModel, 120, GS_TRANSLATE("gs::settings", "De&vice"))
                  .editor(FormEditor::Device));
  f.push_back(integer_field(
      "training.threads", "CPU threads for training; 0: one per core",
      [](RunConfig& c) -> int& { return c.training.threads; }, 0, 1024));
  f.push_back(choice_field<DistributedBackend>(
      "training.distributed_backend",
      "a data-parallel run's c10d backend: auto (nccl for CUDA when LibTorch has it, else gloo), "
      "gloo or nccl",
      [](RunConfig& c) -> std::optional<DistributedBackend>& {
        return c.training.distributed_backend;
      },
      {{"auto", DistributedBackend::Auto},
       {"gloo", DistributedBackend::Gloo},
       {"nccl", DistributedBackend::Nccl}}));
  f.push_back(integer_field(
      "training.distributed_timeout",
      "seconds a data-parallel run's ranks wait for one that does not answer before all stop",
      [](RunConfig& c) -> int& { return c.training.distributed_timeout; }, 5, 86400));
  return f;
}

std::vector<Field> output_fields() {
  std::vector<Field> f;
  f.push_back(text_field(
                  keys::kRunDir,
                  "folder for config.yaml, metrics.csv, samples/ and checkpoints/; unset: "
                  "runs/<date>-<time>",
                  [](RunConfig& c) -> std::string& { return c.outputs.run_dir; }, check_anything)
                  .where_not_what()
                  .form(FormGroup::Outputs, 30, GS_TRANSLATE("gs::settings", "&Run folder")));
  f.push_back(integer_field(
                  "outputs.sample_every", "iterations between 8x8 sample grids; 0: never",
                  [](RunConfig& c) -> int64_t& { return c.outputs.sample_every; }, 0,
                  kMostIterations)
                  .live()
                  .form(FormGroup::Outputs, 10, GS_TRANSLATE("gs::settings", "Sa&mple every"))
                  .chart(GS_TRANSLATE("gs::settings", "sample every")));
  f.push_back(integer_field(
      "outputs.score_samples",
      "D's outputs on this many real images and as many fakes, with each sample grid "
      "(scores.csv, the score chart, the grid's verdicts); 0: off",
      [](RunConfig& c) -> int& { return c.outputs.score_samples; }, 0, 4096));
  f.push_back(integer_field(
                  "outputs.checkpoint_every", "iterations between checkpoints; 0: only at the end",
                  [](RunConfig& c) -> int64_t& { return c.outputs.checkpoint_every; }, 0,
                  kMostIterations)
                  .form(FormGroup::Outputs, 20, GS_TRANSLATE("gs::settings", "Chec&kpoint every")));
  f.push_back(integer_field(
      "outputs.keep_checkpoints", "numbered checkpoints kept in the run folder; 0: keep all",
      [](RunConfig& c) -> int& { return c.outputs.keep_checkpoints; }, 0, 1000000));
  f.push_back(integer_field(
      "outputs.keep_every",
      "also keep the checkpoints at multiples of this many iterations, to rewind and branch "
      "from; 0: only the last outputs.keep_checkpoints",
      [](RunConfig& c) -> int64_t& { return c.outputs.keep_every; }, 0, kMostIterations));
  f.push_back(
      bool_field(keys::kTensorboard,
                 "write TensorBoard event files (events.out.tfevents.*) into the run folder: every "
                 "statistic of metrics.csv and quality.csv, the sample grids and the configuration",
                 [](RunConfig& c) -> bool& { return c.outputs.tensorboard; }));
  return f;
}

std::vector<Field> watch_fields() {
  std::vector<Field> f;
  f.push_back(integer_field(
      keys::kQualityEvery,
      "iterations between measurements of sample quality (quality.csv); 0: never",
      [](RunConfig& c) -> int64_t& { return c.quality.every; }, 0, kMostIterations));
  f.push_back(integer_field(
      "quality.samples", "samples generated for each quality measurement",
      [](RunConfig& c) -> int& { return c.quality.samples; }, 10, 100000));
  f.push_back(bool_field(
      "health.pause_on_divergence",
      "pause when a loss or gradient becomes NaN, infinite or explodes (false: end the run)",
      [](RunConfig& c) -> bool& { return c.health.pause_on_divergence; }));
  f.push_back(bool_field("health.pause_on_collapse",
                         "pause when the health monitor sees mode collapse",
                         [](RunConfig& c) -> bool& { return c.health.pause_on_collapse; }));
  f.push_back(bool_field("health.pause_on_dominance",
                         "pause when D wins every time for a long stretch",
                         [](RunConfig& c) -> bool& { return c.health.pause_on_dominance; }));
  f.push_back(bool_field("health.pause_on_spike", "pause on a gradient-norm spike",
                         [](RunConfig& c) -> bool& { return c.health.pause_on_spike; }));
  return f;
}

}  // namespace

const std::vector<Field>& fields() {
  static const std::vector<Field> table = [] {
    std::vector<Field> all;
    for (auto part : {data_fields, model_fields, method_fields, optimizer_fields, machine_fields,
                      output_fields, watch_fields}) {
      for (Field& field : part()) all.push_back(std::move(field));
    }
    return all;
  }();
  return table;
}

}  // namespace gs::config_detail
