// A generator on its own, in inference mode: samples from a checkpoint (CLI `sample`, exports) or
// from a snapshot of a training run's weights (the window's latent explorer). No data, no
// optimizers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/io/images.h"

namespace gs {

class Sampler {
 public:
  // Which network of a checkpoint draws: G's moving average when the run kept one (what the
  // window, grids and exports show), or G itself (to compare the two).
  enum class Source { Average, Generator };
  // The generator of a checkpoint, on `device` ("cpu" unless asked otherwise). Throws Error.
  static Sampler from_checkpoint(const std::string& path, const std::string& device = "cpu",
                                 Source source = Source::Average);
  // A generator of `resolved_config`'s architecture holding `weights`
  // (Trainer::generator_weights()).
  static Sampler from_weights(const RunConfig& resolved_config, const std::string& weights,
                              const std::string& device = "cpu");

  ~Sampler();
  Sampler(Sampler&&) noexcept;
  Sampler& operator=(Sampler&&) noexcept;

  const RunConfig& config() const;
  int noise_dim() const;

  // `count` images from z ~ N(0, 1) drawn from `seed`: the same seed gives the same images.
  ImageBatch generate(int64_t count, uint64_t seed);
  // The images for the given latent vectors (count x noise_dim floats, row-major).
  ImageBatch render(const std::vector<float>& z);
  // The run's fixed latent batch behind its 8 x 8 grid (kGridSamples x noise_dim floats), when the
  // sampler came from a checkpoint; empty otherwise.
  const std::vector<float>& grid_latents() const;

  // The latent vectors generate(count, seed) uses.
  std::vector<float> latent_vectors(int64_t count, uint64_t seed) const;

 private:
  struct Impl;
  explicit Sampler(std::unique_ptr<Impl> impl);
  static std::unique_ptr<Impl> make_impl(const RunConfig& config, const std::string& device);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
