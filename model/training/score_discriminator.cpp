#include "model/training/score_discriminator.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "model/training/inference_scope.h"
#include "model/training/losses.h"

namespace gs {

namespace {

std::vector<float> to_vector(const torch::Tensor& values) {
  const torch::Tensor cpu = values.to(torch::kCPU, torch::kFloat32).contiguous().reshape({-1});
  return {cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel()};
}

torch::Tensor in_memory_format(const TrainingState& state, const torch::Tensor& images) {
  return state.channels_last ? images.contiguous(at::MemoryFormat::ChannelsLast) : images;
}

}  // namespace

DiscriminatorScores score_discriminator(TrainingState& state, int count, const ImageBatch& grid) {
  torch::NoGradGuard no_grad;
  InferenceScope d_mode(*state.discriminator, /*batch_statistics=*/true);
  InferenceScope g_mode(*state.generator, /*batch_statistics=*/false);
  const Loss loss = state.config.training.loss.value_or(Loss::Bce);  // resolved: always set
  const auto judge = [&](const torch::Tensor& images, const torch::Tensor& labels) {
    const torch::Tensor logits =
        state.discriminator->conditioned(in_memory_format(state, images), labels);
    return to_vector(reported_outputs(loss, logits.to(torch::kFloat32)));
  };
  DiscriminatorScores scores;
  const int64_t available = state.images.size(0);
  const int64_t n = std::min<int64_t>(count, available);
  if (n > 0) {
    const torch::Tensor index =
        torch::arange(n, torch::kLong).mul(available).div(n, "floor").to(state.device);
    const torch::Tensor reals = pixels_to_unit_range(state.images.index_select(0, index));
    const torch::Tensor labels =
        state.labels.defined() ? state.labels.index_select(0, index) : torch::Tensor();
    scores.real = judge(reals, labels);

    auto cpu = at::make_generator<at::CPUGeneratorImpl>(kScoreSeed);
    const torch::Tensor z =
        torch::randn({n, state.config.model.noise_dim}, cpu, torch::kFloat32).to(state.device);
    const torch::Tensor classes = cycling_labels(n, state.config.model.classes, state.device);
    scores.fake = judge(state.generator->conditioned(z, classes).to(torch::kFloat32), classes);
  }
  if (grid.count > 0) {
    const torch::Tensor bytes =
        torch::from_blob(const_cast<uint8_t*>(grid.pixels.data()),
                         {grid.count, grid.side, grid.side, grid.channels}, torch::kUInt8)
            .permute({0, 3, 1, 2})
            .to(state.device);
    torch::Tensor labels = state.fixed_labels;
    if (labels.defined() && labels.size(0) != grid.count) labels = torch::Tensor();
    scores.grid = judge(pixels_to_unit_range(bytes), labels);
  }
  return scores;
}

}  // namespace gs
