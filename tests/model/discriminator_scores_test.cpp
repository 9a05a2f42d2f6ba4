// D's verdicts with each grid: what they hold, where they go (scores.csv, observers), and that
// measuring them leaves training exactly as it was.
#include "model/metrics/discriminator_scores.h"

#include <gtest/gtest.h>

#include "model/runs/run_directory.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

struct ScoreRecorder : RunObserver {
  std::vector<DiscriminatorScores> scores;
  void on_scores(const DiscriminatorScores& s) override { scores.push_back(s); }
};

RunConfig scored_config(int samples) {
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = 9;
  config.outputs.sample_every = 3;
  config.outputs.checkpoint_every = 6;
  config.outputs.score_samples = samples;
  return config;
}

TEST(DiscriminatorScores, SummariesAreTheMeanAndQuantiles) {
  const ScoreSummary s = summarize({4, 0, 2, 1, 3});
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.median, 2.0);
  EXPECT_DOUBLE_EQ(s.p25, 1.0);
  EXPECT_DOUBLE_EQ(s.p75, 3.0);
  EXPECT_DOUBLE_EQ(s.p05, 0.2);  // a fifth of the way from 0 to 1
  EXPECT_DOUBLE_EQ(s.p95, 3.8);
  EXPECT_TRUE(std::isnan(summarize({}).mean));
}

TEST(DiscriminatorScores, EachGridBringsDsOutputsAndTrainingIsUnchanged) {
  TempDir dir;
  ScoreRecorder recorder;
  {
    auto run = TrainingRun::start(scored_config(24), dir.file("scored"));
    run->add_observer(&recorder);
    for (int i = 0; i < 9; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
    run->finish();
  }
  {
    auto run = TrainingRun::start(scored_config(0), dir.file("plain"));
    for (int i = 0; i < 9; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
    run->finish();
  }
  // Grids at 3, 6 and 9, each with its scores: 24 reals, 24 fakes, the 64 grid images, each a
  // probability (bce).
  ASSERT_EQ(recorder.scores.size(), 3u);
  for (const DiscriminatorScores& s : recorder.scores) {
    EXPECT_EQ(s.real.size(), 24u);
    EXPECT_EQ(s.fake.size(), 24u);
    EXPECT_EQ(s.grid.size(), static_cast<size_t>(kGridSamples));
    for (const auto* side : {&s.real, &s.fake, &s.grid}) {
      for (const float v : *side) {
        EXPECT_GE(v, 0.0f);
        EXPECT_LE(v, 1.0f);
      }
    }
  }
  EXPECT_EQ(recorder.scores[1].iteration, 6);
  EXPECT_NE(recorder.scores[0].fake, recorder.scores[2].fake);  // D and G moved in between
  const std::vector<ScoreRow> rows = read_scores(dir.file("scored"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].iteration, 9);
  const ScoreRow expected = score_row(recorder.scores[2]);
  EXPECT_NEAR(rows[2].real.median, expected.real.median, 1e-5);
  EXPECT_NEAR(rows[2].fake.p95, expected.fake.p95, 1e-5);
  EXPECT_NEAR(rows[2].grid_mean, expected.grid_mean, 1e-5);
  EXPECT_LE(rows[2].real.p05, rows[2].real.p95);
  EXPECT_TRUE(read_scores(dir.file("plain")).empty());

  // Measuring drew no random number and moved no statistic: the same losses, bit for bit.
  const auto scored = read_metrics(dir.file("scored/metrics.csv"));
  const auto plain = read_metrics(dir.file("plain/metrics.csv"));
  ASSERT_EQ(scored.size(), plain.size());
  for (size_t i = 0; i < scored.size(); ++i) {
    EXPECT_EQ(scored[i].d_loss, plain[i].d_loss) << i;
    EXPECT_EQ(scored[i].g_loss, plain[i].g_loss) << i;
    EXPECT_EQ(scored[i].d_real, plain[i].d_real) << i;
  }

  // A resumed run keeps the rows its checkpoint covers (6), and adds its own.
  auto resumed = TrainingRun::resume(dir.file("scored/checkpoints/iter_0000006.pt"));
  EXPECT_EQ(read_scores(dir.file("scored")).size(), 2u);
  ASSERT_EQ(resumed->step(), StepResult::Trained);
  resumed->finish();
  const auto after = read_scores(dir.file("scored"));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after.back().iteration, 7);
}

TEST(DiscriminatorScores, AGridShownBetweenMeasurementsIsJudgedWithoutARow) {
  TempDir dir;
  ScoreRecorder recorder;
  auto run = TrainingRun::start(scored_config(24), dir.file("run"));
  run->add_observer(&recorder);
  for (int i = 0; i < 4; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
  const ImageBatch grid = run->grid();  // what Pause and Step show: no file, no row
  const std::vector<float> verdicts = run->grid_verdicts(grid);
  ASSERT_EQ(verdicts.size(), static_cast<size_t>(kGridSamples));
  for (const float v : verdicts) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
  EXPECT_EQ(run->grid_verdicts(grid), verdicts);       // judging changes nothing
  EXPECT_EQ(read_scores(dir.file("run")).size(), 1u);  // the grid at 3 only
  EXPECT_EQ(recorder.scores.size(), 1u);
  run->finish();
  auto plain = TrainingRun::start(scored_config(0), dir.file("plain"));
  EXPECT_TRUE(plain->grid_verdicts(plain->grid()).empty());  // outputs.score_samples: 0
  plain->finish();
}

TEST(DiscriminatorScores, ACriticsScoresAreItsRawOutputs) {
  TempDir dir;
  RunConfig config = scored_config(8);
  config.training.loss = Loss::WganGp;
  ScoreRecorder recorder;
  auto run = TrainingRun::start(config, dir.file("run"));
  run->add_observer(&recorder);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
  ASSERT_EQ(recorder.scores.size(), 1u);
  bool outside_unit = false;  // a critic's score is no probability
  for (const float v : recorder.scores[0].real) outside_unit |= v < 0 || v > 1;
  for (const float v : recorder.scores[0].fake) outside_unit |= v < 0 || v > 1;
  EXPECT_TRUE(outside_unit);
}

}  // namespace
}  // namespace gs
