#include "model/sweeps/sweep_tensorboard.h"

#include <chrono>
#include <filesystem>

#include "model/io/file_io.h"
#include "model/io/tfevents.h"

namespace gs {

namespace {

namespace fs = std::filesystem;

double wall_time() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A new event file's path in `folder` (never one that exists).
std::string new_event_file(const std::string& folder, double now) {
  for (int n = 0;; ++n) {
    std::string path = (fs::path(folder) / tfevents::file_name(now, n)).string();
    std::error_code ec;
    if (!fs::exists(path, ec)) return path;
  }
}

tfevents::HParamDomain domain_of(const Dimension& dimension) {
  tfevents::HParamDomain domain;
  domain.name = dimension.key;
  if (dimension.kind != Dimension::Kind::List) {
    domain.low = dimension.low;
    domain.high = dimension.high;
    return domain;
  }
  // One type for the whole domain: numbers, bools, or else every value as text (as the trials'
  // session records would then not match, they hold them as text too only when they are text).
  bool numbers = true;
  bool bools = true;
  for (const std::string& text : dimension.values) {
    const auto kind = tfevents::HParamValue::from_text(text).kind;
    numbers = numbers && kind == tfevents::HParamValue::Kind::Number;
    bools = bools && kind == tfevents::HParamValue::Kind::Bool;
  }
  domain.type = numbers ? tfevents::HParamValue::Kind::Number
                : bools ? tfevents::HParamValue::Kind::Bool
                        : tfevents::HParamValue::Kind::Text;
  for (const std::string& text : dimension.values) {
    tfevents::HParamValue value = tfevents::HParamValue::from_text(text);
    if (domain.type == tfevents::HParamValue::Kind::Text) {
      value = {};
      value.text = text;
    }
    domain.values.push_back(value);
  }
  return domain;
}

}  // namespace

std::string write_sweep_experiment(const std::string& folder, const Sweep& sweep) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind("events.out.tfevents.", 0) == 0) return {};
  }
  const double now = wall_time();
  std::vector<tfevents::HParamDomain> domains;
  domains.reserve(sweep.space.size());
  for (const Dimension& dimension : sweep.space) domains.push_back(domain_of(dimension));
  std::string path = new_event_file(folder, now);
  write_file_atomically(
      path,
      tfevents::frame(tfevents::version_event(now)) +
          tfevents::frame(tfevents::hparams_event(
              now, "experiment",
              tfevents::experiment_content(domains, {kSweepMetricFd, kSweepMetricClasses}, now))));
  return path;
}

void write_trial_score(const std::string& run_folder, int64_t iteration,
                       const QualityScores& scores) {
  const double now = wall_time();
  std::string bytes = tfevents::frame(tfevents::version_event(now)) +
                      tfevents::frame(tfevents::scalar_event(now, iteration, kSweepMetricFd,
                                                             static_cast<float>(scores.fd)));
  if (scores.classes > 0) {
    bytes += tfevents::frame(tfevents::scalar_event(now, iteration, kSweepMetricClasses,
                                                    static_cast<float>(scores.classes_covered)));
  }
  write_file_atomically(new_event_file(run_folder, now), bytes);
}

}  // namespace gs
