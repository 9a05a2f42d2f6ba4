// Who a process is in a data-parallel job, from the variables torchrun and Slurm set.
#include "model/comms/world.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "model/io/error.h"

namespace gs {
namespace {

Environment environment(std::map<std::string, std::string> variables) {
  return [variables](const char* name) -> std::optional<std::string> {
    const auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

std::string refusal(std::map<std::string, std::string> variables) {
  try {
    world_from_environment(environment(std::move(variables)));
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

TEST(World, NoLauncherVariablesMeanAProcessOnItsOwn) {
  EXPECT_FALSE(world_from_environment(environment({})));
  EXPECT_FALSE(world_from_environment(environment({{"SLURM_NTASKS", "1"}, {"SLURM_PROCID", "0"}})));
}

TEST(World, TorchrunsVariablesWithTheirDefaults) {
  const auto world = world_from_environment(environment(
      {{"RANK", "3"}, {"WORLD_SIZE", "4"}, {"MASTER_ADDR", "node-a"}, {"MASTER_PORT", "29600"}}));
  ASSERT_TRUE(world);
  EXPECT_EQ(world->rank, 3);
  EXPECT_EQ(world->size, 4);
  EXPECT_EQ(world->local_rank, 0);
  EXPECT_EQ(world->local_size, 4);
  EXPECT_EQ(world->master_addr, "node-a");
  EXPECT_EQ(world->master_port, 29600);
  EXPECT_EQ(world->launcher, "torchrun");
  EXPECT_EQ(world->describe(), "rank 3 of 4");

  const auto local = world_from_environment(environment(
      {{"RANK", "1"}, {"WORLD_SIZE", "4"}, {"LOCAL_RANK", "1"}, {"LOCAL_WORLD_SIZE", "2"}}));
  ASSERT_TRUE(local);
  EXPECT_EQ(local->local_rank, 1);
  EXPECT_EQ(local->local_size, 2);
  EXPECT_EQ(local->master_addr, "127.0.0.1");
  EXPECT_EQ(local->master_port, 29500);
}

TEST(World, SlurmsVariablesWhenTorchrunsAreAbsent) {
  const auto world = world_from_environment(environment({{"SLURM_PROCID", "5"},
                                                         {"SLURM_NTASKS", "8"},
                                                         {"SLURM_LOCALID", "1"},
                                                         {"SLURM_NTASKS_PER_NODE", "4(x2)"},
                                                         {"MASTER_ADDR", "node-0"}}));
  ASSERT_TRUE(world);
  EXPECT_EQ(world->launcher, "slurm");
  EXPECT_EQ(world->rank, 5);
  EXPECT_EQ(world->size, 8);
  EXPECT_EQ(world->local_rank, 1);
  EXPECT_EQ(world->local_size, 4);
  EXPECT_EQ(world->master_addr, "node-0");
}

TEST(World, MalformedOrOutOfRangeVariablesAreRefusedByName) {
  EXPECT_NE(refusal({{"RANK", "0"}, {"WORLD_SIZE", "0"}}).find("WORLD_SIZE is '0'"),
            std::string::npos);
  EXPECT_NE(refusal({{"RANK", "2"}, {"WORLD_SIZE", "2"}})
                .find("RANK is '2'; it must be this "
                      "process's rank, from 0 to "
                      "WORLD_SIZE - 1 = 1"),
            std::string::npos);
  EXPECT_NE(refusal({{"RANK", "0"}}).find("WORLD_SIZE is not set"), std::string::npos);
  EXPECT_NE(refusal({{"RANK", "x"}, {"WORLD_SIZE", "2"}}).find("RANK is 'x'"), std::string::npos);
  EXPECT_NE(refusal({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}})
                .find("MASTER_PORT is '70000'; it must be the master's TCP port, from 1 to 65535"),
            std::string::npos);
  EXPECT_NE(refusal({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"LOCAL_RANK", "-1"}})
                .find("LOCAL_RANK is '-1'"),
            std::string::npos);
  EXPECT_NE(refusal({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}).find("MASTER_ADDR is not set"),
            std::string::npos);
}

TEST(World, TheLaunchersMasterPortIsReadOnlyWhenSetAndRefusedByNameWhenNotAPort) {
  EXPECT_EQ(master_port_from_environment(environment({})), std::nullopt);
  EXPECT_EQ(master_port_from_environment(environment({{"MASTER_PORT", ""}})), std::nullopt);
  EXPECT_EQ(master_port_from_environment(environment({{"MASTER_PORT", "29601"}})), 29601);
  for (const char* bad : {"abc", "0", "65536", "29500x", "-1"}) {
    try {
      master_port_from_environment(environment({{"MASTER_PORT", bad}}));
      ADD_FAILURE() << "MASTER_PORT=" << bad << " was accepted";
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(std::string("MASTER_PORT is '") + bad + "'"),
                std::string::npos)
          << error.what();
    }
  }
}

TEST(World, BatchSharesCoverTheGlobalBatchAndDifferByOneAtMost) {
  for (int size : {1, 2, 3, 5, 8}) {
    int64_t total = 0;
    for (int rank = 0; rank < size; ++rank) total += batch_share(64, rank, size);
    EXPECT_EQ(total, 64) << size;
  }
  EXPECT_EQ(batch_share(64, 0, 3), 22);
  EXPECT_EQ(batch_share(64, 2, 3), 21);
  EXPECT_EQ(threads_per_rank(2, 2), 1);
  EXPECT_EQ(threads_per_rank(16, 3), 5);
  EXPECT_EQ(threads_per_rank(2, 4), 1);
}

}  // namespace
}  // namespace gs
