#include "model/inspect/generator_layers.h"

#include <torch/types.h>

#include <algorithm>

#include "model/io/error.h"
#include "model/sampling/sampler.h"
#include "model/sampling/sampler_access.h"

namespace gs {

namespace {

constexpr int kReferenceVectors = 63;      // with the vector itself, one batch of 64
constexpr uint64_t kReferenceSeed = 8191;  // the random vectors that rank the channels

// Clears a network's block tap when the scope ends, also on an exception.
class TapScope {
 public:
  TapScope(Network& network, Network::BlockTap tap) : network_(network) {
    network_.set_block_tap(std::move(tap));
  }
  ~TapScope() { network_.set_block_tap(nullptr); }
  TapScope(const TapScope&) = delete;
  TapScope& operator=(const TapScope&) = delete;

 private:
  Network& network_;
};

}  // namespace

std::vector<LayerMaps> generator_layers(Sampler& sampler, const std::vector<float>& inputs,
                                        int per_block) {
  const int width = sampler.input_dim();
  if (static_cast<int>(inputs.size()) != width) {
    throw Error("G's layers: a vector of " + std::to_string(width) + " values is needed, not " +
                std::to_string(inputs.size()));
  }
  // The vector, then the reference vectors (their classes in turn).
  std::vector<float> batch = inputs;
  const std::vector<float> reference =
      with_one_hot(sampler.latent_vectors(kReferenceVectors, kReferenceSeed), sampler.noise_dim(),
                   sampler.labels_for(kReferenceVectors, -1), sampler.classes());
  batch.insert(batch.end(), reference.begin(), reference.end());

  std::vector<std::pair<std::string, torch::Tensor>> outputs;
  {
    std::shared_ptr<Network> generator = SamplerAccess::generator(sampler);
    const TapScope tap(*generator, [&](const std::string& name, const torch::Tensor& output) {
      outputs.emplace_back(name, output.detach().to(torch::kCPU, torch::kFloat32).contiguous());
    });
    sampler.render_inputs(batch);
  }

  std::vector<LayerMaps> layers;
  for (const auto& [name, all] : outputs) {
    if (all.dim() != 4 || all.size(2) != all.size(3)) continue;  // a block's: [B, C, S, S]
    LayerMaps layer;
    layer.name = name;
    layer.channels = static_cast<int>(all.size(1));
    // The most active channels over the reference vectors, shown in channel order.
    const torch::Tensor activity = all.slice(0, 1).abs().mean({0, 2, 3});
    const int64_t shown = std::min<int64_t>(std::max(1, per_block), all.size(1));
    const torch::Tensor chosen = std::get<0>(std::get<1>(activity.topk(shown)).sort());
    const torch::Tensor maps = all[0].index_select(0, chosen);  // [shown, H, W]
    layer.low = maps.min().item<float>();
    layer.high = maps.max().item<float>();
    const float range = std::max(layer.high - layer.low, 1e-6f);
    const torch::Tensor bytes =
        maps.sub(layer.low).div(range).mul(255).round().clamp(0, 255).to(torch::kUInt8);
    layer.maps.count = static_cast<int>(shown);
    layer.maps.side = static_cast<int>(all.size(2));
    layer.maps.channels = 1;
    layer.maps.pixels.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
    for (int64_t i = 0; i < shown; ++i) {
      layer.shown.push_back(static_cast<int>(chosen[i].item<int64_t>()));
    }
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace gs
