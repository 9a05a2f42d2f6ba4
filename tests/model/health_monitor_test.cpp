// The health monitor's rules on crafted statistics streams: each stream triggers its rule, and only
// it; a healthy real run raises none.
#include "model/health/health_monitor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "model/runs/run_directory.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

// Statistics like a healthy compact run's (measured): D mostly right, G sometimes fooling it.
class HealthyStream {
 public:
  StepStats next() {
    StepStats s;
    s.iteration = ++iteration_;
    s.d_loss = static_cast<float>(0.2 + 0.05 * noise_(rng_));
    s.d_acc = 0.95f;
    s.g_loss = static_cast<float>(2.8 + 0.2 * noise_(rng_));
    s.g_acc = 0.04f;
    s.d_real = 0.86f;
    s.d_fake = static_cast<float>(0.14 + 0.02 * noise_(rng_));
    s.d_grad_norm = static_cast<float>(20 * std::exp(0.8 * noise_(rng_)));  // heavy-tailed
    s.g_grad_norm = static_cast<float>(18 * std::exp(0.2 * noise_(rng_)));
    return s;
  }
  int64_t iteration() const { return iteration_; }

 private:
  int64_t iteration_ = 0;
  std::mt19937 rng_{11};
  std::normal_distribution<double> noise_{0, 1};
};

std::vector<HealthRule> rules_of(const std::vector<HealthWarning>& warnings) {
  std::vector<HealthRule> rules;
  for (const auto& w : warnings) rules.push_back(w.rule);
  return rules;
}

struct Feed {
  HealthMonitor monitor{HealthConfig{}, /*real_diversity=*/10.0};
  std::vector<HealthWarning> warnings;
  void add(const std::vector<HealthWarning>& more) {
    warnings.insert(warnings.end(), more.begin(), more.end());
  }
};

QualityScores quality(int64_t iteration, double fd, int covered) {
  QualityScores q;
  q.iteration = iteration;
  q.samples = 1000;
  q.fd = fd;
  q.classes = 10;
  q.classes_covered = covered;
  return q;
}

ImageBatch varied_grid(int seed) {
  ImageBatch grid{64, 28, {}};
  std::mt19937 rng(seed);
  for (int i = 0; i < 64 * 28 * 28; ++i) grid.pixels.push_back(static_cast<uint8_t>(rng() % 256));
  return grid;
}

TEST(HealthMonitor, AHealthyStreamRaisesNothing) {
  Feed feed;
  HealthyStream stream;
  for (int i = 0; i < 3000; ++i) {
    feed.add(feed.monitor.observe(stream.next()));
    if (stream.iteration() % 500 == 0) {
      feed.add(feed.monitor.observe_quality(quality(stream.iteration(), 40.0 - i / 200.0, 10)));
      feed.add(feed.monitor.observe_grid(stream.iteration(), varied_grid(i)));
    }
  }
  EXPECT_TRUE(feed.warnings.empty()) << to_string(feed.warnings.front().rule);
}

TEST(HealthMonitor, DivergenceWarnsOnceAndPausesByDefault) {
  Feed feed;
  HealthyStream stream;
  for (int i = 0; i < 50; ++i) feed.add(feed.monitor.observe(stream.next()));
  StepStats bad = stream.next();
  bad.g_loss = NAN;
  feed.add(feed.monitor.observe(bad));
  bad.iteration += 1;
  feed.add(feed.monitor.observe(bad));  // still bad: no second warning
  ASSERT_EQ(rules_of(feed.warnings), std::vector<HealthRule>{HealthRule::Divergence});
  EXPECT_EQ(feed.warnings[0].iteration, 51);
  EXPECT_TRUE(feed.warnings[0].paused);
  // An exploded loss is divergence too, and a setting decides about pausing.
  HealthConfig end_it;
  end_it.pause_on_divergence = false;
  HealthMonitor monitor(end_it, 10.0);
  StepStats exploded = HealthyStream().next();
  exploded.d_loss = 2.5e5f;
  const auto warnings = monitor.observe(exploded);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rule, HealthRule::Divergence);
  EXPECT_FALSE(warnings[0].paused);
  EXPECT_TRUE(diverging(exploded));
}

TEST(HealthMonitor, DiscriminatorDominanceNeedsALongStretch) {
  Feed feed;
  HealthyStream stream;
  for (int i = 0; i < 300; ++i) feed.add(feed.monitor.observe(stream.next()));
  for (int i = 0; i < 700; ++i) {
    StepStats s = stream.next();
    s.d_fake = 0.01f;
    s.d_real = 0.99f;
    s.d_acc = 1.0f;
    s.g_acc = 0.0f;
    s.g_loss = 5.0f;
    feed.add(feed.monitor.observe(s));
  }
  ASSERT_EQ(rules_of(feed.warnings), std::vector<HealthRule>{HealthRule::DDominance});
  // Once the 500-iteration window is mostly the dominated stretch (about 424 of it, here).
  EXPECT_GT(feed.warnings[0].iteration, 700);
  EXPECT_LT(feed.warnings[0].iteration, 760);
  EXPECT_FALSE(feed.warnings[0].paused);  // health.pause_on_dominance is off by default
}

TEST(HealthMonitor, GFoolingDWithGarbageNeedsTheMeter) {
  Feed feed;
  HealthyStream stream;
  const double fds[] = {30, 28, 35, 45, 60};
  const double g_losses[] = {3.0, 3.0, 2.6, 2.2, 1.8};
  for (int m = 0; m < 5; ++m) {
    for (int i = 0; i < 200; ++i) {
      StepStats s = stream.next();
      s.g_loss = static_cast<float>(g_losses[m]);
      feed.add(feed.monitor.observe(s));
    }
    feed.add(feed.monitor.observe_quality(quality(stream.iteration(), fds[m], 10)));
  }
  ASSERT_EQ(rules_of(feed.warnings), std::vector<HealthRule>{HealthRule::GFoolsD});
  EXPECT_EQ(feed.warnings[0].iteration, 800);  // 35 -> 45 -> 60 while G's loss fell 2.6 -> 2.2
}

TEST(HealthMonitor, ModeCollapseFromCoverageOrFromTheGrid) {
  {
    Feed feed;
    const int covered[] = {6, 9, 10, 10, 7, 6};
    for (int m = 0; m < 6; ++m) {
      feed.add(feed.monitor.observe_quality(quality(500 * (m + 1), 20, covered[m])));
    }
    ASSERT_EQ(rules_of(feed.warnings), std::vector<HealthRule>{HealthRule::ModeCollapse});
    EXPECT_EQ(feed.warnings[0].iteration, 2500);
  }
  {
    Feed feed;
    const double real = mean_pairwise_distance(varied_grid(1));
    HealthMonitor monitor(HealthConfig{}, real);
    std::vector<HealthWarning> warnings;
    auto add = [&](const std::vector<HealthWarning>& more) {
      warnings.insert(warnings.end(), more.begin(), more.end());
    };
    ImageBatch blank{64, 28, std::vector<uint8_t>(64 * 784, 0)};
    add(monitor.observe_grid(100, blank));  // an untrained G's samples look alike: not a collapse
    add(monitor.observe_grid(200, varied_grid(2)));
    ImageBatch same = varied_grid(3);
    for (int i = 1; i < 64; ++i) {
      std::copy(same.pixels.begin(), same.pixels.begin() + 784, same.pixels.begin() + i * 784);
    }
    add(monitor.observe_grid(300, same));
    ASSERT_EQ(rules_of(warnings), std::vector<HealthRule>{HealthRule::ModeCollapse});
    EXPECT_EQ(warnings[0].iteration, 300);
  }
}

TEST(HealthMonitor, AGradientSpikeStandsOutOfItsRecentMedian) {
  Feed feed;
  HealthyStream stream;
  for (int i = 0; i < 400; ++i) feed.add(feed.monitor.observe(stream.next()));
  StepStats spike = stream.next();
  spike.g_grad_norm = 5000;
  feed.add(feed.monitor.observe(spike));
  for (int i = 0; i < 100; ++i) feed.add(feed.monitor.observe(stream.next()));
  ASSERT_EQ(rules_of(feed.warnings), std::vector<HealthRule>{HealthRule::GradientSpike});
  EXPECT_EQ(feed.warnings[0].iteration, 401);
  EXPECT_NE(feed.warnings[0].detail.find("G's gradient norm"), std::string::npos);

  // A saturated D's gradients are tiny; a jump to a few units is many times their median, but no
  // instability (seen in a real dominated run): not a spike.
  Feed saturated;
  for (int i = 0; i < 400; ++i) {
    StepStats s = stream.next();
    s.d_grad_norm = 0.03f;
    if (i == 300) s.d_grad_norm = 3.75f;
    saturated.add(saturated.monitor.observe(s));
  }
  EXPECT_TRUE(saturated.warnings.empty());
}

TEST(HealthMonitor, AHealthyRealRunRaisesNothing) {
  testing::TempDir dir;
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.model.g_widths = {32, 16, 8};
  config.model.d_widths = {8, 16, 32};
  // Batches of 32: with 16, this tiny D's gradient norm jumps past 50 times its recent median
  // (past the spike rule, above its floor of 100) on some seeds whatever the engine (over seeds
  // 1-8: 1 run of 8 with b106f83's layers, 4 of 8 with the kernels, whose rounding differs), so
  // such a run is not the healthy one this test needs; with 32 it stays below (0 and 1 of 8).
  config.training.batch_size = 32;
  config.training.iterations = 400;
  config.training.threads = 1;
  config.outputs.sample_every = 50;
  config.outputs.checkpoint_every = 0;
  config.quality.every = 100;
  config.quality.samples = 200;
  auto run = TrainingRun::start(config, dir.file("run"));
  const QualityMeter meter = QualityMeter::for_data(load_image_set(kEmbeddedDigits),
                                                    testing::cached_in(dir.file("cache")));
  run->set_quality_requester(
      [&](QualityRequest request) { run->record_quality(meter.measure(request)); });
  while (run->step() == StepResult::Trained) {
  }
  EXPECT_EQ(run->iteration(), 400);
  EXPECT_EQ(read_quality(dir.file("run")).size(), 4u);
  const auto warnings = read_health(dir.file("run"));
  EXPECT_TRUE(warnings.empty()) << to_string(warnings.front().rule) << ": "
                                << warnings.front().detail;
}

}  // namespace
}  // namespace gs
