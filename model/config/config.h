// One YAML file describes a run: data, model, training, outputs, quality and health. Parsing and
// validation live here, next to the types, so the CLI, the window and checkpoints share one
// definition of every key.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/config/settings.h"

namespace gs {

enum class Preset { Seed, Compact };
enum class Loop { SeedExact, Fast };
enum class Precision { Fp32, Bf16 };
enum class MemoryFormat { Contiguous, ChannelsLast };
// The GAN objective (model/training/losses.h): the seed's binary cross-entropy, the hinge loss,
// the Wasserstein loss with a gradient penalty, least squares.
enum class Loss { Bce, Hinge, WganGp, Lsgan };
// What D sees besides the images themselves (model/training/augment.h): nothing, differentiable
// augmentation of its real and fake inputs alike (Zhao et al. 2020), or the same transforms at a
// strength tuned from D's overfitting (adaptive, after Karras et al. 2020).
enum class Augment { Off, DiffAugment, Ada };
// The c10d backend of a data-parallel run (model/comms/): NCCL for CUDA tensors when this
// LibTorch has it, else Gloo (auto); or one of them.
enum class DistributedBackend { Auto, Gloo, Nccl };
// Data sets of fewer images than this get augmentation unless training.augment says otherwise.
inline constexpr int64_t kAugmentBelowImages = 10000;

std::string to_string(Preset preset);
std::string to_string(Loop loop);
std::string to_string(Precision precision);
std::string to_string(MemoryFormat format);
std::string to_string(Loss loss);
std::string to_string(Augment augment);
std::string to_string(DistributedBackend backend);

struct DataConfig {
  std::string path = "embedded";  // "embedded", an IDX or .npz file, or a folder of images
  int image_size = 28;            // 28, 32 or 64: images are scaled and centre-cropped to this side
  int channels = 1;               // 1 (grayscale) or 3 (RGB)
  // What transparent pixels of a picture are composited on: white, black, gray or #RRGGBB.
  // Black by measurement: the fewest opaque pixels of real icons melt into it
  // (scripts/measure-background.py: 1.4% of 1,603 icons' against 19.8% for white).
  std::string background = "black";
};

struct ModelConfig {
  std::optional<Preset> preset;  // unset: seed on CUDA, compact on CPU
  int noise_dim = 100;
  std::vector<int> g_widths;  // empty: the preset's widths
  std::vector<int> d_widths;
  // A class-conditional pair: G takes a one-hot label beside z, D scores an image for a label
  // through a projection (Miyato & Koyama 2018). Needs a labelled data set.
  bool conditional = false;
  int classes = 0;  // a conditional model's classes; 0: the data set's (the trainer sets it)
  bool spectral_norm = false;  // spectral normalisation of D's weights (Miyato et al. 2018)
  // The data set's classes by name, in label order (an image folder's sub-folders); set from the
  // data set when it has them (data_set_config()); empty: classes go by number.
  std::vector<std::string> class_names;
};

struct TrainingConfig {
  std::optional<Loop> loop;                   // unset: seed-exact on seed, fast on compact
  std::optional<Precision> precision;         // unset: fp32
  std::optional<MemoryFormat> memory_format;  // unset: the faster for the device (resolve())
  std::optional<Loss> loss;                   // unset: bce (resolve())
  // unset: diffaugment for data sets of fewer than kAugmentBelowImages images, off otherwise
  // (data_set_config(), once the data set is known)
  std::optional<Augment> augment;
  int n_critic = 5;                 // wgan-gp: critic steps per generator step
  std::optional<double> gp_lambda;  // wgan-gp: the gradient penalty's weight; unset: 10
  int batch_size = 64;
  std::optional<int64_t> iterations;      // at most one of iterations and epochs; neither: 50,000
  std::optional<double> epochs;           // passes over the data set
  std::optional<double> learning_rate_d;  // unset: the preset's
  std::optional<double> learning_rate_g;
  std::optional<double> beta1;
  std::optional<double> beta2;
  std::optional<double> epsilon;
  // Decay of the moving average of G's weights that draws samples, grids, the explorer and exports
  // (0: off, samples come from G itself); unset: the preset's (0 on seed, 0.999 on compact).
  std::optional<double> g_average;
  int64_t seed = 0;
  std::string device = "auto";  // auto | cpu | cuda | cuda:N
  int threads = 0;              // CPU threads; 0: one per core (shared by the ranks of a machine)
  // A data-parallel run's (docs/DISTRIBUTED.md): its backend (unset: auto), and how long a
  // collective waits for a rank that does not answer before every rank stops.
  std::optional<DistributedBackend> distributed_backend;
  int distributed_timeout = 60;  // seconds
};

struct OutputConfig {
  std::string run_dir;         // empty: runs/<date>-<time> chosen by the program
  int64_t sample_every = 100;  // iterations between sample grids; 0: never
  // D's outputs on this many real images and as many fakes, measured with each grid (scores.csv,
  // the window's score chart and verdicts); 0: off.
  int score_samples = 128;
  int64_t checkpoint_every = 1000;
  int keep_checkpoints = 3;  // numbered checkpoints kept in the run folder; 0: all
  // Checkpoints at multiples of this many iterations are kept as well, for rewinding and
  // branching (0: none beyond the last keep_checkpoints).
  int64_t keep_every = 0;
  bool tensorboard = true;  // events.out.tfevents.* in the run folder (tensorboard_log.h)
};

// The quality meter (model/quality/quality_meter.h) while a run trains.
struct QualityConfig {
  // Iterations between measurements; 0: never. The default keeps the meter's cost under 3% of a
  // CPU's training throughput (docs/PERFORMANCE.md).
  int64_t every = 500;
  int samples = 1000;  // generated samples per measurement
};

// The health monitor (model/health/health_monitor.h): which warnings also pause the run.
struct HealthConfig {
  bool pause_on_divergence = true;  // divergence always stops the run: pause (true) or end it
  bool pause_on_collapse = false;
  bool pause_on_dominance = false;
  bool pause_on_spike = false;
};

struct RunConfig {
  DataConfig data;
  ModelConfig model;
  TrainingConfig training;
  OutputConfig outputs;
  QualityConfig quality;
  HealthConfig health;

  // Where each key was set: "run.yaml:7:18" or "--set training.seed=3"; absent for defaults. Used
  // to point errors found after parsing (for example by resolve()) at the line a person wrote.
  std::map<std::string, std::string> origins;

  // "<origin>: " for `key`, or "" when the key has its default.
  std::string where(const std::string& key) const;
};

// Defaults that stand for the seed notebook's choices.
inline constexpr int64_t kDefaultIterations = 50000;

// --- Reading and writing ------------------------------------------------------------------------

// Parses a configuration file. Errors (ConfigError) read "run.yaml:7:18: training.learning_rate_d
// must be > 0, got -0.1": syntax errors, unknown keys (with a suggestion), wrong types,
// out-of-range values, contradicting keys.
RunConfig load_config(const std::string& path);
RunConfig parse_config(const std::string& yaml_text, const std::string& name);

// Applies "key=value" (the CLI's --set); the value is YAML ("1e-4", "[64, 32]", "seed").
void apply_assignment(RunConfig& config, const std::string& assignment);

// Every key that `top` sets (a value that is not empty) copied into `base`, except the keys that
// say where a run goes rather than what it is (outputs.run_dir): a window's form over a stored
// configuration.
void apply_keys_set(const RunConfig& top, RunConfig& base);

// Sets one key from its YAML text; throws ConfigError "<key> must be ...". `origin` is recorded.
void set_value(RunConfig& config, const std::string& key, const std::string& value_text,
               const std::string& origin);
// Clears an optional key back to its default ("" for keys that cannot be unset is an error).
void unset_value(RunConfig& config, const std::string& key);

// The key's value as YAML text ("" when unset, so the default applies).
std::string get_value(const RunConfig& config, const std::string& key);

// Sets one key from the text a person typed in a field: numbers and words are taken as they are
// (no YAML: "0.001", "seed", a path with any characters); "" restores the default; list keys take
// YAML ("[64, 32]"). Throws ConfigError "<key> must be ...". The window's form uses this.
void set_text(RunConfig& config, const std::string& key, const std::string& text,
              const std::string& origin);

// The configuration as a commented YAML document; unset optional keys are left out.
std::string to_yaml(const RunConfig& config);
// Writes to_yaml() atomically; throws Error naming the path.
void save_config(const RunConfig& config, const std::string& path);

// --- Resolution ---------------------------------------------------------------------------------

// Fills every preset-dependent default: the preset (seed when `cuda` else compact), the widths and
// the optimizer settings of that preset; checks what only makes sense per preset (number of
// widths).
RunConfig resolve(RunConfig config, bool cuda);

// Iterations the run lasts: training.iterations, or epochs x data set size / batch size (rounded
// up).
int64_t total_iterations(const TrainingConfig& training, int64_t dataset_size);
// The passes over a data set that `iterations` make, and the iterations of one pass.
double epochs_of(int64_t iterations, int batch_size, int64_t dataset_size);
int64_t iterations_per_epoch(int batch_size, int64_t dataset_size);

// The parts of the configuration that fix the networks' shapes, as text ("seed, noise 100, G [64,
// 128, 64, 64], D [64, 64, 128, 128]"); two resolved configs with equal text load each other's
// weights.
std::string architecture_summary(const ModelConfig& resolved_model);
// The same with the image shape when it is not the seed's 1 x 28 x 28 ("..., 3 x 64 x 64").
std::string architecture_summary(const RunConfig& config);

// The classes a model is conditioned on: model.classes when model.conditional, else 0.
inline int conditional_classes(const ModelConfig& model) {
  return model.conditional ? model.classes : 0;
}

// The images the networks take and make: channels x side x side.
struct ImageShape {
  int channels = 1;
  int side = 28;
  std::array<uint8_t, 3> background{0, 0, 0};  // under transparent pixels (RGB): data.background's

  bool operator==(const ImageShape& other) const {
    return channels == other.channels && side == other.side && background == other.background;
  }
  bool operator!=(const ImageShape& other) const { return !(*this == other); }
};
// "white", "black", "gray" or "#RRGGBB" as RGB; nullopt for anything else.
std::optional<std::array<uint8_t, 3>> parse_background(const std::string& text);
ImageShape image_shape(const RunConfig& config);

}  // namespace gs
