#include "model/core/rate.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

TEST(RateEstimator, ASteadySpeedReadsAsItself) {
  RateEstimator rate;
  for (int i = 0; i <= 100; ++i) rate.add(i, i * 0.25);  // 4 it/s
  EXPECT_NEAR(rate.iterations_per_second(), 4.0, 1e-9);
  EXPECT_NEAR(rate.seconds_left(100, 500), 100.0, 1e-6);
}

TEST(RateEstimator, OneSlowIterationDoesNotSwingTheSpeed) {
  // The example: 2.2 it/s, then one iteration of 10.7 s (a checkpoint, a quality
  // measurement). The last-iteration speed would read 0.09 it/s; the smoothed one stays near.
  RateEstimator rate(8.0);
  double t = 0;
  int64_t i = 0;
  for (; i < 100; ++i) rate.add(i, t += 1 / 2.2);
  rate.add(++i, t += 10.7);
  EXPECT_GT(rate.iterations_per_second(), 0.5);
  for (int k = 0; k < 10; ++k) rate.add(++i, t += 1 / 2.2);
  EXPECT_GT(rate.iterations_per_second(), 1.0);
  // A lasting change is followed within a few time constants.
  for (int k = 0; k < 400; ++k) rate.add(++i, t += 0.1);
  EXPECT_NEAR(rate.iterations_per_second(), 10.0, 0.1);
}

TEST(RateEstimator, APauseIsNotCountedAsSlowTraining) {
  RateEstimator rate;
  for (int i = 0; i <= 50; ++i) rate.add(i, i * 0.5);  // 2 it/s
  rate.interrupt();                                    // paused for 100 s
  rate.add(50, 125.0);                                 // resumed
  for (int i = 51; i <= 60; ++i) rate.add(i, 125.0 + (i - 50) * 0.5);
  EXPECT_NEAR(rate.iterations_per_second(), 2.0, 1e-9);
}

TEST(RateEstimator, UnknownUntilTheFirstInterval) {
  RateEstimator rate;
  EXPECT_LT(rate.seconds_left(0, 10), 0);
  rate.add(0, 1.0);
  EXPECT_EQ(rate.iterations_per_second(), 0.0);
  rate.add(5, 2.0);
  EXPECT_NEAR(rate.iterations_per_second(), 5.0, 1e-9);
  rate.reset();
  EXPECT_EQ(rate.iterations_per_second(), 0.0);
}

}  // namespace
}  // namespace gs
