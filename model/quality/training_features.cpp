#include "model/quality/training_features.h"

#include <algorithm>
#include <filesystem>

#include "model/io/error.h"
#include "model/quality/cache_file.h"
#include "model/quality/meter_tensors.h"

namespace gs::quality {

namespace {

constexpr char kTrainingMagic[4] = {'G', 'S', 'Q', 'T'};
constexpr int64_t kQueryChunk = 256;  // queries per distance matrix: 256 x 60,000 floats, 61 MB
constexpr size_t kImageChunk = 2048;  // images as floats at a time: 2,048 x 64 x 64 x 3, 100 MB

// The images other than `held`, evenly spread when there are more than kMaxTrainingFeatures.
std::vector<int64_t> covered_indices(int64_t count, const std::vector<int64_t>& held) {
  std::vector<char> is_held(static_cast<size_t>(count), 0);
  for (const int64_t h : held) is_held[static_cast<size_t>(h)] = 1;
  std::vector<int64_t> rest;
  for (int64_t i = 0; i < count; ++i) {
    if (!is_held[static_cast<size_t>(i)]) rest.push_back(i);
  }
  const auto n = static_cast<int64_t>(rest.size());
  if (n <= kMaxTrainingFeatures) return rest;
  std::vector<int64_t> spread;
  spread.reserve(kMaxTrainingFeatures);
  for (int64_t j = 0; j < kMaxTrainingFeatures; ++j) {
    spread.push_back(rest[static_cast<size_t>(j * n / kMaxTrainingFeatures)]);
  }
  return spread;
}

double lower_quantile(const torch::Tensor& values, double q) {
  if (values.numel() == 0) return 0;
  const torch::Tensor sorted = std::get<0>(values.to(torch::kFloat64).sort());
  const auto last = static_cast<double>(values.numel() - 1);
  const auto at = static_cast<int64_t>(std::floor(q * last));
  return sorted[at].item<double>();
}

bool read_cached(const std::string& path, uint64_t fingerprint, uint64_t classifier_hash,
                 int64_t count, int64_t held, TrainingFeatures* out) {
  try {
    const std::string bytes = read_cache(path);
    if (bytes.empty()) return false;
    CacheReader in(bytes, kTrainingMagic, path);
    if (in.get<uint64_t>() != fingerprint || in.get<uint64_t>() != classifier_hash ||
        in.get<int64_t>() != count || in.get<int64_t>() != held) {
      return false;
    }
    const torch::Tensor indices = in.tensor(torch::kInt64, {count});
    out->indices.assign(indices.data_ptr<int64_t>(), indices.data_ptr<int64_t>() + count);
    out->features = in.tensor(torch::kFloat32, {count, kFeatureDim});
    out->held_nearest = in.tensor(torch::kFloat32, {held});
    in.expect_end();
    out->threshold = lower_quantile(out->held_nearest, kCopyQuantile);
    return true;
  } catch (const Error&) {
    return false;  // damaged: rebuilt
  }
}

}  // namespace

TrainingFeatures training_features(Classifier& classifier, const ImageSet& data,
                                   const std::vector<int64_t>& held,
                                   const torch::Tensor& held_features, uint64_t fingerprint,
                                   uint64_t classifier_hash, const std::string& cache_dir) {
  const std::string path = (std::filesystem::path(cache_dir) /
                            ("training-" + hex(fingerprint) + "-" + hex(classifier_hash) + ".bin"))
                               .string();
  TrainingFeatures out;
  const std::vector<int64_t> indices = covered_indices(data.count, held);
  const auto count = static_cast<int64_t>(indices.size());
  const auto n = static_cast<int64_t>(held.size());
  if (read_cached(path, fingerprint, classifier_hash, count, n, &out) && out.indices == indices) {
    return out;
  }
  out.indices = indices;
  std::vector<torch::Tensor> parts;  // in chunks: the images as floats stay small
  for (size_t start = 0; start < indices.size(); start += kImageChunk) {
    const std::vector<int64_t> chunk(indices.begin() + static_cast<std::ptrdiff_t>(start),
                                     indices.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                           indices.size(), start + kImageChunk)));
    parts.push_back(run_classifier(classifier, images_at(data, chunk)).first);
  }
  out.features = parts.empty() ? torch::zeros({0, kFeatureDim}) : torch::cat(parts).contiguous();
  out.held_nearest = count > 0 ? nearest_rows(held_features, out.features).first.reshape({n})
                               : torch::zeros({n}, torch::kFloat32);
  out.threshold = lower_quantile(out.held_nearest, kCopyQuantile);
  CacheWriter writer(kTrainingMagic);
  writer.put(fingerprint);
  writer.put(classifier_hash);
  writer.put(count);
  writer.put(n);
  writer.tensor(torch::tensor(indices, torch::kInt64));
  writer.tensor(out.features);
  writer.tensor(out.held_nearest);
  write_cache(path, writer.finish());
  return out;
}

std::pair<torch::Tensor, torch::Tensor> nearest_rows(const torch::Tensor& queries,
                                                     const torch::Tensor& reference, int k) {
  const torch::Tensor q = queries.to(torch::kFloat32).contiguous();
  const torch::Tensor r = reference.to(torch::kFloat32).contiguous();
  const int64_t take = std::min<int64_t>(k, r.size(0));
  std::vector<torch::Tensor> distances;
  std::vector<torch::Tensor> rows;
  for (int64_t start = 0; start < q.size(0); start += kQueryChunk) {
    const torch::Tensor d = torch::cdist(q.slice(0, start, start + kQueryChunk), r);
    auto [value, row] = d.topk(take, 1, /*largest=*/false);
    distances.push_back(value);
    rows.push_back(row);
  }
  if (distances.empty()) return {torch::zeros({0, take}), torch::zeros({0, take}, torch::kInt64)};
  return {torch::cat(distances), torch::cat(rows)};
}

}  // namespace gs::quality
