#include "model/quality/reference_statistics.h"

#include <filesystem>

#include "model/io/error.h"
#include "model/quality/cache_file.h"
#include "model/quality/feature_statistics.h"
#include "model/quality/meter_tensors.h"

namespace gs::quality {

namespace {

constexpr char kStatisticsMagic[4] = {'G', 'S', 'Q', 'S'};

bool read_cached(const std::string& path, uint64_t fingerprint, uint64_t classifier_hash, int64_t n,
                 int classes, ReferenceStatistics* out) {
  try {
    const std::string bytes = read_cache(path);
    if (bytes.empty()) return false;
    CacheReader in(bytes, kStatisticsMagic, path);
    if (in.get<uint64_t>() != fingerprint || in.get<uint64_t>() != classifier_hash ||
        in.get<int64_t>() != n) {
      return false;
    }
    out->mean = in.tensor(torch::kFloat64, {kFeatureDim});
    out->covariance = in.tensor(torch::kFloat64, {kFeatureDim, kFeatureDim});
    out->features = in.tensor(torch::kFloat32, {n, kFeatureDim});
    out->radii = in.tensor(torch::kFloat32, {n});
    out->class_share = in.tensor(torch::kFloat64, {classes});
    in.expect_end();
    return true;
  } catch (const Error&) {
    return false;  // damaged: rebuilt
  }
}

}  // namespace

ReferenceStatistics reference_statistics(Classifier& classifier, const ImageSet& data,
                                         const std::vector<int64_t>& held, int classes,
                                         uint64_t fingerprint, uint64_t classifier_hash,
                                         const std::string& cache_dir, int neighbours) {
  const std::string path = (std::filesystem::path(cache_dir) /
                            ("reference-" + hex(fingerprint) + "-" + hex(classifier_hash) + ".bin"))
                               .string();
  const auto n = static_cast<int64_t>(held.size());
  ReferenceStatistics stats;
  if (read_cached(path, fingerprint, classifier_hash, n, classes, &stats)) return stats;
  const auto features = run_classifier(classifier, images_at(data, held)).first;
  std::tie(stats.mean, stats.covariance) = mean_and_covariance(features);
  stats.features = features.contiguous();
  stats.radii = knn_radii(features, neighbours).contiguous();
  stats.class_share = torch::zeros({classes}, torch::kFloat64);
  if (classes > 0) {
    stats.class_share = torch::bincount(labels_at(data, held), {}, classes).to(torch::kFloat64) /
                        static_cast<double>(n);
  }
  CacheWriter out(kStatisticsMagic);
  out.put(fingerprint);
  out.put(classifier_hash);
  out.put(n);
  for (const torch::Tensor& t :
       {stats.mean, stats.covariance, stats.features, stats.radii, stats.class_share}) {
    out.tensor(t);
  }
  write_cache(path, out.finish());
  return stats;
}

}  // namespace gs::quality
