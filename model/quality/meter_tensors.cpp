#include "model/quality/meter_tensors.h"

#include <cstring>

namespace gs::quality {

namespace {

// Interleaved bytes [N, rows, cols, channels] as planar floats [N, channels, rows, cols] in -1..1.
torch::Tensor scaled(const torch::Tensor& bytes, int rows, int cols, int channels) {
  return bytes.view({-1, rows, cols, channels})
      .permute({0, 3, 1, 2})
      .to(torch::kFloat32)
      .sub_(127.5)
      .div_(127.5)
      .contiguous();
}

}  // namespace

torch::Tensor images_at(const ImageSet& data, const std::vector<int64_t>& indices) {
  const int64_t size = static_cast<int64_t>(data.rows) * data.cols * data.channels;
  torch::Tensor bytes = torch::empty({static_cast<int64_t>(indices.size()), size}, torch::kUInt8);
  auto* out = bytes.data_ptr<uint8_t>();
  for (size_t i = 0; i < indices.size(); ++i) {
    std::memcpy(out + i * size, data.pixels.data() + indices[i] * size, size);
  }
  return scaled(bytes, data.rows, data.cols, data.channels);
}

torch::Tensor labels_at(const ImageSet& data, const std::vector<int64_t>& indices) {
  torch::Tensor labels = torch::empty({static_cast<int64_t>(indices.size())}, torch::kLong);
  auto* out = labels.data_ptr<int64_t>();
  for (size_t i = 0; i < indices.size(); ++i) out[i] = data.labels[indices[i]];
  return labels;
}

torch::Tensor batch_to_tensor(const ImageBatch& batch) {
  const torch::Tensor bytes =
      torch::from_blob(const_cast<uint8_t*>(batch.pixels.data()),
                       {batch.count, static_cast<int64_t>(batch.image_bytes())}, torch::kUInt8);
  return scaled(bytes, batch.side, batch.side, batch.channels);
}

std::pair<torch::Tensor, torch::Tensor> run_classifier(Classifier& classifier,
                                                       const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> features;
  std::vector<torch::Tensor> logits;
  for (int64_t start = 0; start < images.size(0); start += 1000) {
    const auto f = classifier->features(images.slice(0, start, start + 1000));
    features.push_back(f);
    logits.push_back(classifier->logits(f));
  }
  return {torch::cat(features), torch::cat(logits)};
}

}  // namespace gs::quality
