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

// Latent vectors (count x noise_dim) with each one's class appended one-hot (count x (noise_dim +
// classes)): the explorer's inputs for a conditional generator. Unchanged when classes is 0.
std::vector<float> with_one_hot(const std::vector<float>& z, int noise_dim,
                                const std::vector<int>& labels, int classes);

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

  // A conditional generator's classes; 0 when it is unconditional.
  int classes() const;
  // Their names (an image folder's sub-folders), or their numbers ("0", "1", ...) when the data
  // set had none.
  std::vector<std::string> class_names() const;
  // A class given by name or number ("cats", "7"); throws Error naming the classes there are.
  int class_of(const std::string& text) const;

  // `count` images from z ~ N(0, 1) drawn from `seed`: the same seed gives the same images. A
  // conditional generator draws `class_index`, or (-1) the classes in turn, 0, 1, 2, ...; an
  // unconditional one refuses a class with an Error.
  ImageBatch generate(int64_t count, uint64_t seed, int class_index = -1);
  // The images for the given latent vectors (count x noise_dim floats, row-major) and, for a
  // conditional generator, their classes (one each; empty: the classes in turn).
  ImageBatch render(const std::vector<float>& z, std::vector<int> labels = {});
  // The classes for `count` images of `class_index` (-1: in turn); empty when unconditional.
  std::vector<int> labels_for(int64_t count, int class_index) const;

  // What the window's explorer moves through: per image, z followed by the class weights of a
  // conditional generator (one-hot for one class, a mixture between classes); input_dim() values
  // each (noise_dim() when unconditional).
  int input_dim() const;
  ImageBatch render_inputs(const std::vector<float>& inputs);
  // The run's fixed latent batch behind its 8 x 8 grid (kGridSamples x noise_dim floats), when the
  // sampler came from a checkpoint; empty otherwise.
  const std::vector<float>& grid_latents() const;
  // The class of each grid cell (a conditional generator's row per class); empty otherwise.
  const std::vector<int>& grid_labels() const;

  // The latent vectors generate(count, seed) uses.
  std::vector<float> latent_vectors(int64_t count, uint64_t seed) const;

 private:
  friend struct SamplerAccess;  // model/sampling/sampler_access.h: its network, for model/inspect/
  struct Impl;
  explicit Sampler(std::unique_ptr<Impl> impl);
  static std::unique_ptr<Impl> make_impl(const RunConfig& config, const std::string& device);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
