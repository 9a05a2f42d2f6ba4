#include "model/sweeps/trial_score.h"

#include "model/data/image_set.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"
#include "model/sweeps/sweep_tensorboard.h"

namespace gs {

namespace {

constexpr uint64_t kScoreSeed = 7;  // the same samples for every trial

}  // namespace

QualityScores TrialScorer::score(const std::string& run_folder, int samples) {
  const std::string checkpoint = RunDirectory::find_checkpoint(run_folder);
  Sampler sampler = Sampler::from_checkpoint(checkpoint, "cpu");
  const RunConfig& config = sampler.config();
  const ImageShape shape = image_shape(config);
  const std::string data = config.data.path.empty() ? std::string("embedded") : config.data.path;
  const std::string key =
      data + "@" + std::to_string(shape.side) + "x" + std::to_string(shape.channels);
  auto& meter = meters_[key];
  if (!meter) {
    meter = std::make_unique<QualityMeter>(
        QualityMeter::for_data(load_image_set(data, shape), options_));
  }
  QualityScores scores =
      meter->score(sampler.generate(samples, kScoreSeed), sampler.labels_for(samples, -1));
  for (const auto& [iteration, path] : RunDirectory::numbered_checkpoints(run_folder)) {
    if (path == checkpoint) scores.iteration = iteration;
  }
  return scores;
}

void record_trial_score(const std::string& run_folder, const QualityScores& scores) {
  {
    RunDirectory run(run_folder, /*resuming=*/true);  // the trial's trainer has exited
    run.append_quality(scores);
    run.flush();
  }
  write_trial_score(run_folder, scores.iteration, scores);
}

}  // namespace gs
