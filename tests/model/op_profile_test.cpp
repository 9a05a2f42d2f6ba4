#include "model/bench/op_profile.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

// The profile is the autograd profiler's events reduced per operator: counts are exact per
// iteration, self times add up to the time inside operators, the table is sorted and names them.
TEST(OperatorProfile, CountsEveryOperatorOfAnIterationAndSortsBySelfTime) {
  TrainingState state = make_training_state(resolve(testing::tiny_config(Preset::Compact), false),
                                            testing::small_digits(64));
  const OpProfile profile = profile_operators(state, 2);
  EXPECT_EQ(profile.iterations, 2);
  EXPECT_EQ(state.iteration, 2);
  ASSERT_FALSE(profile.ops.empty());
  EXPECT_GT(profile.operators, 0);
  double self = 0;
  for (size_t i = 0; i < profile.ops.size(); ++i) {
    const OpTime& op = profile.ops[i];
    EXPECT_GE(op.self_ms, 0) << op.name;
    EXPECT_GT(op.calls, 0) << op.name;
    if (i > 0) {
      EXPECT_LE(op.self_ms, profile.ops[i - 1].self_ms);
    }
    self += op.self_ms;
  }
  EXPECT_NEAR(self, profile.recorded_ms, 1e-6 + 1e-9 * profile.recorded_ms);
  EXPECT_LE(profile.recorded_ms, profile.wall_ms);
  // Each of D's two steps and G's step score a batch with D: a LibTorch convolution forward for
  // each of compact D's two middle layers per step, every iteration (its first layer runs in the
  // hand-written kernel, its head as a matrix product)...
  const auto convolution =
      std::find_if(profile.ops.begin(), profile.ops.end(),
                   [](const OpTime& op) { return op.name == "aten::convolution"; });
  ASSERT_NE(convolution, profile.ops.end());
  EXPECT_GE(convolution->calls, 6.0);
  // ... and the hand-written kernels' backward passes are operators of their own.
  EXPECT_TRUE(std::any_of(profile.ops.begin(), profile.ops.end(), [](const OpTime& op) {
    return op.name.find("gs::kernels") != std::string::npos;
  }));
  EXPECT_EQ(convolution->calls, static_cast<int>(convolution->calls));  // the same every iteration
  const std::string table = to_text(profile, 5);
  EXPECT_NE(table.find("operator (self time)"), std::string::npos);
  EXPECT_NE(table.find(profile.ops.front().name.substr(0, 40)), std::string::npos);
  EXPECT_NE(table.find("outside operators"), std::string::npos);
}

}  // namespace
}  // namespace gs
