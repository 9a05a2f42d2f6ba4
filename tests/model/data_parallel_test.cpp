// Data-parallel training's arithmetic: ranks as threads of this process, each with its own c10d
// process group over loopback TCP (the CLI's tests run them as real processes).
#include <gtest/gtest.h>
#include <torch/nn.h>
#include <torch/optim/sgd.h>

#include <exception>
#include <functional>
#include <thread>

#include "model/comms/gradients.h"
#include "model/comms/process_group.h"
#include "model/config/config.h"
#include "model/io/error.h"
#include "model/training/rank_agreement.h"
#include "model/training/trainer.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::small_digits;
using testing::TempDir;
using testing::tiny_config;

// Runs `body` as `size` ranks, each on a thread with its own process group; rethrows the first
// failure.
void as_ranks(int size, const std::function<void(const std::shared_ptr<ProcessGroup>&)>& body) {
  const int port = free_loopback_port();
  std::vector<std::exception_ptr> failures(size);
  std::vector<std::thread> threads;
  for (int rank = 0; rank < size; ++rank) {
    threads.emplace_back([&, rank] {
      try {
        World world;
        world.rank = rank;
        world.size = size;
        world.local_rank = rank;
        world.local_size = size;
        world.master_port = port;
        world.launcher = "test";
        GroupOptions options;
        options.timeout = std::chrono::seconds(30);
        body(ProcessGroup::connect(world, options));
      } catch (...) {
        failures[rank] = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

// A network without BatchNorm: its gradient over a batch is the mean of its samples' gradients.
torch::nn::Sequential small_network() {
  torch::manual_seed(3);
  return torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 4, 3).stride(2)),
                               torch::nn::LeakyReLU(), torch::nn::Flatten(),
                               torch::nn::Linear(4 * 13 * 13, 1));
}

TEST(DataParallel, TheAllReducedGradientOfUnequalSharesIsTheWholeBatchsGradient) {
  constexpr int kBatch = 8;
  constexpr int kRanks = 3;  // shares of 3, 3 and 2 images
  torch::manual_seed(11);
  const torch::Tensor images = torch::randn({kBatch, 1, 28, 28}, torch::kDouble).to(torch::kFloat);
  const torch::Tensor targets = torch::rand({kBatch, 1});

  auto whole = small_network();
  torch::optim::SGD whole_optimizer(whole->parameters(), 0.1);
  const torch::Tensor whole_loss = torch::mse_loss(whole->forward(images), targets);
  whole_loss.backward();
  std::vector<torch::Tensor> expected;
  for (const auto& parameter : whole->parameters()) expected.push_back(parameter.grad().clone());

  // Each rank's copy of the network, made here one after another: made on the ranks' threads, their
  // draws from LibTorch's one global generator would interleave and give the ranks other weights
  // (it failed so once, under load, in a clean clone).
  std::vector<torch::nn::Sequential> networks;
  for (int rank = 0; rank < kRanks; ++rank) networks.push_back(small_network());
  std::vector<std::vector<torch::Tensor>> reduced(kRanks);
  std::vector<torch::Tensor> riders(kRanks);
  as_ranks(kRanks, [&](const std::shared_ptr<ProcessGroup>& group) {
    const int rank = group->world().rank;
    int64_t start = 0;
    for (int r = 0; r < rank; ++r) start += batch_share(kBatch, r, kRanks);
    const int64_t count = batch_share(kBatch, rank, kRanks);
    torch::nn::Sequential& network = networks[static_cast<size_t>(rank)];
    torch::optim::SGD optimizer(network->parameters(), 0.1);
    const torch::Tensor loss = torch::mse_loss(network->forward(images.narrow(0, start, count)),
                                               targets.narrow(0, start, count));
    loss.backward();
    riders[rank] = reduce_gradients(*group, optimizer, static_cast<double>(count) / kBatch,
                                    loss.detach().reshape({1}), "the test's gradients");
    for (const auto& parameter : network->parameters()) {
      reduced[rank].push_back(parameter.grad().clone());
    }
  });
  for (int rank = 0; rank < kRanks; ++rank) {
    ASSERT_EQ(reduced[rank].size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_TRUE(torch::allclose(reduced[rank][i], expected[i], 1e-5, 1e-6))
          << "rank " << rank << ", parameter " << i << ": "
          << (reduced[rank][i] - expected[i]).abs().max().item<float>();
      // Every rank holds the very same sum.
      EXPECT_TRUE(torch::equal(reduced[rank][i], reduced[0][i])) << rank;
    }
    EXPECT_NEAR(riders[rank].item<float>(), whole_loss.item<float>(), 1e-6) << rank;
  }
}

// Two trainers as ranks: rank 0 resumed at iteration 3, rank 1 fresh; both take rank 0's state
// and end a few iterations with bit-identical weights, and a live setting agreed between
// iterations reaches both.
TEST(DataParallel, RanksStartFromRankZerosStateAndStayBitIdentical) {
  TempDir dir;
  RunConfig config = tiny_config(Preset::Compact);
  config.training.threads = 1;
  config.training.batch_size = 8;
  const ImageSet images = small_digits(200);
  {
    Trainer alone(config, images);
    for (int i = 0; i < 3; ++i) alone.step();
    alone.save_checkpoint(dir.file("three.pt"));
  }
  std::vector<std::string> digests(2);
  std::vector<int64_t> iterations(2);
  std::vector<double> rates(2);
  std::vector<StepStats> last(2);
  as_ranks(2, [&](const std::shared_ptr<ProcessGroup>& group) {
    const int rank = group->world().rank;
    Trainer trainer(config, images);
    if (rank == 0) trainer.load_checkpoint(dir.file("three.pt"));
    trainer.join(group);
    iterations[rank] = trainer.iteration();
    RankAgreement agreement(*group, trainer.config());
    RunConfig faster = trainer.config();
    faster.training.learning_rate_d = 1e-3;
    for (int i = 0; i < 4; ++i) {
      // Rank 0 changes D's learning rate before the third iteration; the others learn it there.
      const RunConfig& mine = rank == 0 && i >= 2 ? faster : trainer.config();
      const RankAgreement::Decision decision =
          agreement.agree(RankAgreement::Action::Train, mine, false);
      if (decision.settings) trainer.set_live_settings(*decision.settings);
      if (rank == 0 && i == 2) trainer.set_live_settings(faster);
      ASSERT_EQ(decision.action, RankAgreement::Action::Train);
      last[rank] = trainer.step();
    }
    EXPECT_EQ(agreement.agree(RankAgreement::Action::Stop, trainer.config(), false).action,
              RankAgreement::Action::Stop);
    digests[rank] = trainer.weights_digest();
    rates[rank] = trainer.d_optimizer_settings().learning_rate;
  });
  EXPECT_EQ(iterations[0], 3);
  EXPECT_EQ(iterations[1], 3);
  EXPECT_EQ(digests[0], digests[1]);
  EXPECT_DOUBLE_EQ(rates[0], 1e-3);
  EXPECT_DOUBLE_EQ(rates[1], 1e-3);
  // The statistics are the global batch's means: the same on both ranks.
  EXPECT_EQ(last[0].iteration, 7);
  EXPECT_EQ(last[0].d_loss, last[1].d_loss);
  EXPECT_EQ(last[0].g_acc, last[1].g_acc);
  EXPECT_EQ(last[0].d_grad_norm, last[1].d_grad_norm);
}

TEST(DataParallel, AnInterruptedRankStopsEveryRankAndDifferingConfigurationsAreRefused) {
  std::vector<RankAgreement::Decision> decisions(3);
  as_ranks(3, [&](const std::shared_ptr<ProcessGroup>& group) {
    RunConfig config;
    RankAgreement agreement(*group, config);
    decisions[group->world().rank] =
        agreement.agree(RankAgreement::Action::Train, config, group->world().rank == 2);
  });
  for (const auto& decision : decisions) {
    EXPECT_EQ(decision.action, RankAgreement::Action::Stop);
    EXPECT_TRUE(decision.interrupted);
  }
  std::vector<std::string> messages(2);
  as_ranks(2, [&](const std::shared_ptr<ProcessGroup>& group) {
    try {
      group->require_same("configuration", group->world().rank == 0 ? "lr: 1" : "lr: 2");
    } catch (const Error& error) {
      messages[group->world().rank] = error.what();
    }
  });
  for (const std::string& message : messages) {
    EXPECT_NE(message.find("the configuration of rank 1 differs from rank 0's"), std::string::npos)
        << message;
  }
}

TEST(DataParallel, ABatchSmallerThanTheWorldIsRefused) {
  RunConfig config = tiny_config(Preset::Compact);
  config.training.batch_size = 1;
  const ImageSet images = small_digits(20);
  std::vector<std::string> messages(2);
  as_ranks(2, [&](const std::shared_ptr<ProcessGroup>& group) {
    Trainer trainer(config, images);
    try {
      trainer.join(group);
    } catch (const Error& error) {
      messages[group->world().rank] = error.what();
    }
  });
  for (const std::string& message : messages) {
    EXPECT_NE(message.find("training.batch_size is 1, fewer than the 2 ranks"), std::string::npos)
        << message;
  }
}

}  // namespace
}  // namespace gs
