#include "model/training/checkpoint.h"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/version.h>

#include <sstream>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

namespace {

// The first line of a LibTorch error, without its C++ backtrace.
std::string short_reason(const c10::Error& error) {
  std::string text = error.what_without_backtrace();
  const auto newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline);
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

template <typename Loadable>
void read_nested(torch::serialize::InputArchive& archive, const char* key, Loadable& target,
                 const std::string& path, const std::string& torch_version) {
  torch::serialize::InputArchive nested;
  if (!archive.try_read(key, nested)) throw Error(path + ": damaged checkpoint (no " + key + ")");
  try {
    target.load(nested);
  } catch (const c10::Error& error) {
    throw Error(path + ": " + key + " does not fit this network (" + short_reason(error) +
                "); checkpoint written by LibTorch " + torch_version + ", this is " +
                TORCH_VERSION);
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

void save_checkpoint(const TrainingState& state, const std::string& path) {
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
  std::ostringstream out;
  archive.save_to(out);
  write_file_atomically(path, out.str());
}

void load_checkpoint(TrainingState& state, const std::string& path) {
  const std::string bytes = read_file(path);
  torch::serialize::InputArchive archive;
  open_archive(archive, bytes, path, state.device);
  const std::string torch_version = read_string(archive, "torch_version", path);
  const RunConfig stored = parse_config(read_string(archive, "config", path), path);
  const std::string theirs = architecture_summary(stored.model);
  const std::string ours = architecture_summary(state.config.model);
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
  state.fixed_z = fixed_z.to(state.device);
  apply_optimizer_settings(state);
}

void load_generator(Network& generator, const std::string& path, const torch::Device& device,
                    torch::Tensor* fixed_z) {
  const std::string bytes = read_file(path);
  torch::serialize::InputArchive archive;
  open_archive(archive, bytes, path, device);
  // Samples come from G's moving average when the run kept one.
  const std::string torch_version = read_string(archive, "torch_version", path);
  if (!read_optional(archive, "generator_average", generator, path, torch_version)) {
    read_nested(archive, "generator", generator, path, torch_version);
  }
  if (fixed_z && !archive.try_read("fixed_z", *fixed_z, true)) {
    throw Error(path + ": damaged checkpoint (no fixed latent batch)");
  }
}

std::string checkpoint_config_text(const std::string& path) {
  const std::string bytes = read_file(path);
  torch::serialize::InputArchive archive;
  open_archive(archive, bytes, path, torch::kCPU);
  return read_string(archive, "config", path);
}

}  // namespace gs
