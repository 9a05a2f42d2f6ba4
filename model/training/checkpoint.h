// Checkpoint files (internal: includes LibTorch). Format: an envelope (checkpoint_file.h: header,
// configuration, CRC-32, checked before LibTorch reads anything) around a LibTorch archive holding
//   format (int), torch_version (str), config (YAML str), iteration (int), device_type (str),
//   generator/, discriminator/, generator_average/ (module archives; the last when
//   training.g_average > 0), g_optimizer/, d_optimizer/ (optimizer archives), rng_state (tensor),
//   fixed_z (tensor).
// Every failure to read one is an Error naming the file.
#pragma once

#include <string>

#include "model/training/training_state.h"

namespace gs {

inline constexpr int64_t kCheckpointFormat = 1;

void save_checkpoint(const TrainingState& state, const std::string& path);

// Loads into `state`, whose networks must have the checkpoint's architecture.
void load_checkpoint(TrainingState& state, const std::string& path);

// The LibTorch archive inside a checkpoint, in memory, and loading one (`name` starts the error
// messages): how rank 0 hands its state to the other ranks of a data-parallel run.
std::string checkpoint_archive(const TrainingState& state);
void load_checkpoint_archive(TrainingState& state, const std::string& archive,
                             const std::string& name);

// Reads only the generator's weights into `generator` (sampling without optimizers or data): its
// moving average when the checkpoint has one and `average`, else G's own; and the fixed latent
// batch of the run's grid into `fixed_z` when given.
void load_generator(Network& generator, const std::string& path, const torch::Device& device,
                    torch::Tensor* fixed_z = nullptr, bool average = true);

// Reads only the discriminator's weights into `discriminator` (the explorer's view of what D sees).
void load_discriminator(Network& discriminator, const std::string& path,
                        const torch::Device& device);

// Reads one network's bare archive (Trainer::generator_weights(), a watched run's snapshot) into
// `network`: the zip's structure is checked before LibTorch reads it, and every tensor must keep
// its shape. Throws Error starting with `name` ("the generator's weights").
void load_network_weights(torch::nn::Module& network, const std::string& weights,
                          const torch::Device& device, const std::string& name);

// Checks the file as loading would, short of LibTorch reading it: the envelope, its sizes against
// the configuration's networks, the payload's CRC-32 and the archive's structure. Throws Error
// naming the file ("...: damaged checkpoint (...)").
void verify_checkpoint(const std::string& path);

// The configuration text stored in the checkpoint.
std::string checkpoint_config_text(const std::string& path);

}  // namespace gs
