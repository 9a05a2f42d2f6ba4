#include "model/training/checkpoint.h"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/version.h>

#include <algorithm>
#include <sstream>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/training/adam_step.h"
#include "model/training/checkpoint_file.h"

namespace gs {

namespace {

// The first line of a LibTorch error, without its C++ backtrace.
std::string short_reason(const c10::Error& error) {
  std::string text = error.what_without_backtrace();
  const auto newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline);
}

PayloadRange payload_range(const std::string& config_text, const std::string& path) {
  return payload_range(parse_config(config_text, path + " (stored configuration)"));
}

void check_holds_its_networks(const std::string& config_text, uint64_t payload_bytes,
                              const std::string& path) {
  const uint64_t least = payload_range(config_text, path).least;
  if (payload_bytes < least) {
    throw Error(path + ": damaged checkpoint (" + std::to_string(payload_bytes) +
                " bytes cannot hold the networks its configuration declares: at least " +
                std::to_string(least) + ")");
  }
}

CheckpointFile read_checked(const std::string& path) {
  CheckpointFile file = read_checkpoint_file(
      path, [&](const std::string& text) { return payload_range(text, path).most; });
  if (!file.config_text.empty()) {
    check_holds_its_networks(file.config_text, file.payload.size(), path);
  }
  return file;
}

void open_archive(torch::serialize::InputArchive& archive, const std::string& bytes,
                  const std::string& path, const torch::Device& device) {
  try {
    archive.load_from(bytes.data(), bytes.size(), device);
  } catch (const c10::Error& error) {
    throw Error(path + ": not a GanStudio checkpoint, or damaged (" + short_reason(error) + ")");
  }
  c10::IValue format;
  if (!archive.try_read("format", format) || !format.isInt()) {
    throw Error(path + ": not a GanStudio checkpoint (no format marker)");
  }
  if (format.toInt() > kCheckpointFormat) {
    throw Error(path + ": written by a newer GanStudio (checkpoint format " +
                std::to_string(format.toInt()) + ")");
  }
}

std::string read_string(torch::serialize::InputArchive& archive, const char* key,
                        const std::string& path) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isString()) {
    throw Error(path + ": damaged checkpoint (no " + key + ")");
  }
  return value.toStringRef();
}

int64_t read_int(torch::serialize::InputArchive& archive, const char* key,
                 const std::string& path) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isInt()) {
    throw Error(path + ": damaged checkpoint (no " + key + ")");
  }
  return value.toInt();
}

std::string shape_text(c10::IntArrayRef sizes) {
  std::string text = "[";
  for (size_t i = 0; i < sizes.size(); ++i) text += (i ? ", " : "") + std::to_string(sizes[i]);
  return text + "]";
}

// LibTorch's reader replaces a tensor whatever its shape: what was read must have the shapes the
// configuration's networks have, or the first use fails deep inside an operation.
using Shapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

Shapes shapes_of(torch::nn::Module& module) {
  Shapes shapes;
  for (const auto& item : module.named_parameters())
    shapes.emplace_back(item.key(), item.value().sizes().vec());
  for (const auto& item : module.named_buffers())
    shapes.emplace_back(item.key(), item.value().sizes().vec());
  return shapes;
}

// Throws Error("<what>'s <tensor> has shape ...") unless `module` has the shapes it had before
// loading.
void check_shapes(const Shapes& expected, torch::nn::Module& module, const std::string& what) {
  const Shapes loaded = shapes_of(module);
  for (size_t i = 0; i < expected.size() && i < loaded.size(); ++i) {
    if (expected[i].second != loaded[i].second) {
      throw Error(what + "'s " + expected[i].first + " has shape " + shape_text(loaded[i].second) +
                  ", its configuration needs " + shape_text(expected[i].second));
    }
  }
}

// Adam's moments must have their parameter's shape.
void check_adam_shapes(torch::optim::Adam& optimizer, const char* key, const std::string& path) {
  for (const auto& group : optimizer.param_groups()) {
    for (const auto& param : group.params()) {
      const auto found = optimizer.state().find(optimizer_state_key(param));
      if (found == optimizer.state().end()) continue;
      const auto& state = static_cast<const torch::optim::AdamParamState&>(*found->second);
      for (const torch::Tensor* moment : {&state.exp_avg(), &state.exp_avg_sq()}) {
        if (moment->defined() && moment->sizes() != param.sizes()) {
          throw Error(path + ": " + key + " holds a moment of shape " +
                      shape_text(moment->sizes()) + " for a parameter of shape " +
                      shape_text(param.sizes()) +
                      ": the checkpoint does not fit its configuration");
        }
      }
    }
  }
}

template <typename Loadable>
void read_nested(torch::serialize::InputArchive& archive, const char* key, Loadable& target,
                 const std::string& path, const std::string& torch_version) {
  torch::serialize::InputArchive nested;
  if (!archive.try_read(key, nested)) throw Error(path + ": damaged checkpoint (no " + key + ")");
  const auto load = [&] {
    try {
      target.load(nested);
    } catch (const c10::Error& error) {
      throw Error(path + ": " + key + " does not fit this network (" + short_reason(error) +
                  "); checkpoint written by LibTorch " + torch_version + ", this is " +
                  TORCH_VERSION);
    }
  };
  if constexpr (std::is_base_of_v<torch::nn::Module, Loadable>) {
    const Shapes expected = shapes_of(target);
    load();
    check_shapes(expected, target, path + ": " + key);
  } else {
    load();
    check_adam_shapes(target, key, path);
  }
}

// read_nested for a part that older checkpoints lack: false when absent.
template <typename Loadable>
bool read_optional(torch::serialize::InputArchive& archive, const char* key, Loadable& target,
                   const std::string& path, const std::string& torch_version) {
  torch::serialize::InputArchive probe;
  if (!archive.try_read(key, probe)) return false;
  read_nested(archive, key, target, path, torch_version);
  return true;
}

}  // namespace

std::string checkpoint_archive(const TrainingState& state) {
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(kCheckpointFormat));
  archive.write("torch_version", c10::IValue(std::string(TORCH_VERSION)));
  archive.write("config", c10::IValue(to_yaml(state.config)));
  archive.write("iteration", c10::IValue(state.iteration));
  archive.write("device_type",
                c10::IValue(state.device.is_cuda() ? std::string("cuda") : std::string("cpu")));
  auto nested = [&](const char* key, auto& saveable) {
    torch::serialize::OutputArchive part;
    saveable.save(part);
    archive.write(key, part);
  };
  nested("generator", *state.generator);
  nested("discriminator", *state.discriminator);
  if (state.generator_average) nested("generator_average", *state.generator_average);
  nested("g_optimizer", *state.g_optimizer);
  nested("d_optimizer", *state.d_optimizer);
  archive.write("rng_state", state.rng.get_state(), /*is_buffer=*/true);
  archive.write("fixed_z", state.fixed_z, /*is_buffer=*/true);
  archive.write("augment_p", c10::IValue(state.augment.probability()));
  std::ostringstream out;
  archive.save_to(out);
  return std::move(out).str();
}

void save_checkpoint(const TrainingState& state, const std::string& path) {
  write_file_atomically(path, wrap_checkpoint(to_yaml(state.config), checkpoint_archive(state)));
}

namespace {

// Runs `load`, turning every failure that is not already an Error into one naming the file.
template <typename Load>
void named_failures(const std::string& path, Load&& load) {
  try {
    load();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& error) {
    throw Error(path + ": damaged checkpoint (" + short_reason(error) + ")");
  } catch (const std::bad_alloc&) {
    throw Error(path + ": damaged checkpoint (it asks for more memory than there is)");
  } catch (const std::exception& error) {
    throw Error(path + ": damaged checkpoint (" + error.what() + ")");
  }
}

void load_checked(TrainingState& state, const std::string& path);
void load_archive_checked(TrainingState& state, const std::string& bytes, const std::string& path);
void load_generator_checked(Network& generator, const std::string& path,
                            const torch::Device& device, torch::Tensor* fixed_z, bool average);

}  // namespace

void load_checkpoint(TrainingState& state, const std::string& path) {
  named_failures(path, [&] { load_checked(state, path); });
}

void load_checkpoint_archive(TrainingState& state, const std::string& archive,
                             const std::string& name) {
  named_failures(name, [&] { load_archive_checked(state, archive, name); });
}

namespace {

void load_checked(TrainingState& state, const std::string& path) {
  load_archive_checked(state, read_checked(path).payload, path);
}

void load_archive_checked(TrainingState& state, const std::string& bytes, const std::string& path) {
  torch::serialize::InputArchive archive;
  open_archive(archive, bytes, path, state.device);
  const std::string torch_version = read_string(archive, "torch_version", path);
  const RunConfig stored = parse_config(read_string(archive, "config", path), path);
  const std::string theirs = architecture_summary(stored);
  const std::string ours = architecture_summary(state.config);
  if (theirs != ours) {
    throw Error(path + ": the checkpoint's networks (" + theirs +
                ") do not match the configuration's (" + ours + ")");
  }
  read_nested(archive, "generator", *state.generator, path, torch_version);
  read_nested(archive, "discriminator", *state.discriminator, path, torch_version);
  if (state.generator_average &&
      !read_optional(archive, "generator_average", *state.generator_average, path, torch_version)) {
    // Written without an average (training.g_average was 0): it starts from G.
    update_generator_average(state, /*reset=*/true);
  }
  read_nested(archive, "g_optimizer", *state.g_optimizer, path, torch_version);
  read_nested(archive, "d_optimizer", *state.d_optimizer, path, torch_version);
  if (state.channels_last) {
    state.generator->to_channels_last();
    state.discriminator->to_channels_last();
    if (state.generator_average) state.generator_average->to_channels_last();
  }
  state.iteration = read_int(archive, "iteration", path);
  // An adaptive strength goes on where it was (checkpoints before it existed: from 0); the fixed
  // ones are the configuration's, whatever the run branched from had.
  c10::IValue augment_p;
  if (state.config.training.augment == Augment::Ada && archive.try_read("augment_p", augment_p) &&
      augment_p.isDouble()) {
    state.augment.set_probability(std::clamp(augment_p.toDouble(), 0.0, 1.0));
  }
  torch::Tensor rng_state;
  torch::Tensor fixed_z;
  if (!archive.try_read("rng_state", rng_state, true) ||
      !archive.try_read("fixed_z", fixed_z, true)) {
    throw Error(path + ": damaged checkpoint (no random generator state)");
  }
  // A generator's state only fits a generator of the same kind; across devices the run goes on
  // with the current stream (statistics then differ from an uninterrupted run, as they would
  // anyway).
  const std::string device_type = read_string(archive, "device_type", path);
  if (device_type == (state.device.is_cuda() ? "cuda" : "cpu")) {
    state.rng.set_state(rng_state.cpu());
  }
  if (state.fixed_z.defined() && fixed_z.sizes() != state.fixed_z.sizes()) {
    throw Error(path + ": its fixed latent batch has shape " + shape_text(fixed_z.sizes()) +
                ", its configuration needs " + shape_text(state.fixed_z.sizes()));
  }
  state.fixed_z = fixed_z.to(state.device);
  apply_optimizer_settings(state);
}

}  // namespace

void load_generator(Network& generator, const std::string& path, const torch::Device& device,
                    torch::Tensor* fixed_z, bool average) {
  named_failures(path, [&] { load_generator_checked(generator, path, device, fixed_z, average); });
}

namespace {

void load_generator_checked(Network& generator, const std::string& path,
                            const torch::Device& device, torch::Tensor* fixed_z, bool average) {
  const std::string bytes = read_checked(path).payload;
  torch::serialize::InputArchive archive;
  open_archive(archive, bytes, path, device);
  // Samples come from G's moving average when the run kept one.
  const std::string torch_version = read_string(archive, "torch_version", path);
  if (!average || !read_optional(archive, "generator_average", generator, path, torch_version)) {
    read_nested(archive, "generator", generator, path, torch_version);
  }
  if (fixed_z) {
    // The caller's tensor, when it has one, gives the shape to expect (the Sampler's has none and
    // checks the count itself).
    const std::vector<int64_t> expected =
        fixed_z->defined() ? fixed_z->sizes().vec() : std::vector<int64_t>{};
    if (!archive.try_read("fixed_z", *fixed_z, true)) {
      throw Error(path + ": damaged checkpoint (no fixed latent batch)");
    }
    if (fixed_z->defined() && !expected.empty() && fixed_z->sizes().vec() != expected) {
      throw Error(path + ": its fixed latent batch has shape " + shape_text(fixed_z->sizes()) +
                  ", its configuration needs " + shape_text(expected));
    }
  }
}

}  // namespace

void load_discriminator(Network& discriminator, const std::string& path,
                        const torch::Device& device) {
  named_failures(path, [&] {
    const std::string bytes = read_checked(path).payload;
    torch::serialize::InputArchive archive;
    open_archive(archive, bytes, path, device);
    const std::string torch_version = read_string(archive, "torch_version", path);
    read_nested(archive, "discriminator", discriminator, path, torch_version);
  });
}

void load_network_weights(torch::nn::Module& network, const std::string& weights,
                          const torch::Device& device, const std::string& name) {
  check_zip_structure(weights, name);
  named_failures(name, [&] {
    torch::serialize::InputArchive archive;
    archive.load_from(weights.data(), weights.size(), device);
    const Shapes expected = shapes_of(network);
    try {
      network.load(archive);
    } catch (const c10::Error& error) {
      throw Error(name + " do not fit this network (" + short_reason(error) + ")");
    }
    check_shapes(expected, network, name);
  });
}

void verify_checkpoint(const std::string& path) { read_checked(path); }

std::string checkpoint_config_text(const std::string& path) {
  const CheckpointHead head = read_checkpoint_head(path);
  if (!head.config_text.empty()) {
    check_holds_its_networks(head.config_text, head.payload_bytes, path);
    return head.config_text;
  }
  std::string text;
  named_failures(path, [&] {
    const std::string bytes = read_checked(path).payload;  // written before the envelope
    torch::serialize::InputArchive archive;
    open_archive(archive, bytes, path, torch::kCPU);
    text = read_string(archive, "config", path);
    check_holds_its_networks(text, bytes.size(), path);
  });
  return text;
}

}  // namespace gs
