// Resolution: what unset keys stand for on a device and a preset (each row of the field table
// says what it resolves to), the run's length, and the summaries of a resolved configuration.
#include <algorithm>
#include <cmath>

#include "model/config/config.h"
#include "model/config/field.h"
#include "model/config/keys.h"
#include "model/io/error.h"

namespace gs {

namespace {

// What the widths of each preset stand for, for messages.
const char* widths_meaning(Preset preset, bool generator) {
  if (preset == Preset::Seed) {
    return generator ? "the dense layer's channels, then three convolutions" : "four convolutions";
  }
  return generator ? "three transposed convolutions" : "three convolutions";
}

void check_widths(const RunConfig& config, const char* key, const std::vector<int>& widths,
                  bool generator) {
  RunConfig defaults;
  defaults.model.preset = config.model.preset;
  const config_detail::Field* field = config_detail::find_field(key);
  field->set(defaults, field->resolved[static_cast<int>(*config.model.preset)]);
  const size_t expected =
      generator ? defaults.model.g_widths.size() : defaults.model.d_widths.size();
  if (widths.size() != expected) {
    throw ConfigError(config.where(key) + key + " has " + std::to_string(widths.size()) +
                      " values; the " + to_string(*config.model.preset) + " preset takes " +
                      std::to_string(expected) + " (" +
                      widths_meaning(*config.model.preset, generator) + ")");
  }
}

}  // namespace

RunConfig resolve(RunConfig config, bool cuda) {
  config_detail::check_consistency(config);
  if (!config.model.preset) config.model.preset = cuda ? Preset::Seed : Preset::Compact;
  const int preset = static_cast<int>(*config.model.preset);
  for (const config_detail::Field& field : config_detail::fields()) {
    const std::string& value = field.resolved[preset];
    if (value.empty() || !field.write(config).empty()) continue;
    // Of two keys that exclude each other (the length), the one set wins.
    const config_detail::Field* other =
        field.info.excludes.empty() ? nullptr : config_detail::find_field(field.info.excludes);
    if (other && !other->write(config).empty()) continue;
    field.set(config, value);
  }
  check_widths(config, keys::kGWidths, config.model.g_widths, /*generator=*/true);
  check_widths(config, keys::kDWidths, config.model.d_widths, /*generator=*/false);
  return config;
}

int64_t total_iterations(const TrainingConfig& training, int64_t dataset_size) {
  if (training.iterations) return *training.iterations;
  if (training.epochs) {
    const double iterations =
        std::ceil(*training.epochs * static_cast<double>(dataset_size) / training.batch_size);
    return std::max<int64_t>(1, static_cast<int64_t>(iterations));
  }
  return kDefaultIterations;
}

double epochs_of(int64_t iterations, int batch_size, int64_t dataset_size) {
  if (dataset_size <= 0) return 0;
  return static_cast<double>(iterations) * batch_size / static_cast<double>(dataset_size);
}

int64_t iterations_per_epoch(int batch_size, int64_t dataset_size) {
  if (batch_size <= 0) return 0;
  return (dataset_size + batch_size - 1) / batch_size;
}

std::string architecture_summary(const ModelConfig& model) {
  auto list = [](const std::vector<int>& widths) {
    std::string text = "[";
    for (size_t i = 0; i < widths.size(); ++i) text += (i ? ", " : "") + std::to_string(widths[i]);
    return text + "]";
  };
  return (model.preset ? to_string(*model.preset) : std::string("auto")) + ", noise " +
         std::to_string(model.noise_dim) + ", G " + list(model.g_widths) + ", D " +
         list(model.d_widths) + (model.conditional ? ", conditional" : "") +
         (model.conditional && model.classes > 0
              ? " on " + std::to_string(model.classes) + " classes"
              : std::string{}) +
         (model.spectral_norm ? ", spectral norm" : "");
}

std::string architecture_summary(const RunConfig& config) {
  const ImageShape shape = image_shape(config);
  std::string text = architecture_summary(config.model);
  if (shape.channels != 1 || shape.side != 28) {
    text += ", " + std::to_string(shape.channels) + " x " + std::to_string(shape.side) + " x " +
            std::to_string(shape.side);
  }
  return text;
}

ImageShape image_shape(const RunConfig& config) {
  ImageShape shape{config.data.channels, config.data.image_size};
  if (const auto rgb = parse_background(config.data.background)) shape.background = *rgb;
  return shape;
}

}  // namespace gs
