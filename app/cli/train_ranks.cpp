#include "app/cli/train_ranks.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "app/cli/interrupt.h"
#include "model/config/keys.h"
#include "model/training/rank_agreement.h"
#include "model/training/training_run.h"

namespace gs::cli {

namespace {

// What every rank must agree on: the configuration without the keys that are the machine's.
std::string comparable(RunConfig config) {
  config.training.device.clear();
  config.training.threads = 0;
  config.outputs.run_dir.clear();
  return to_yaml(config);
}

}  // namespace

std::shared_ptr<ProcessGroup> join_job(const World& world, const RunConfig& requested) {
  GroupOptions options;
  options.backend = requested.training.distributed_backend;
  options.cuda = rank_device(requested.training.device, world).rfind("cuda", 0) == 0;
  options.timeout = std::chrono::seconds(requested.training.distributed_timeout);
  options.connect_timeout = options.timeout;
  std::fprintf(stderr, "%s (%s): joining the job at %s:%d\n", world.describe().c_str(),
               world.launcher.c_str(), world.master_addr.c_str(), world.master_port);
  std::shared_ptr<ProcessGroup> group = ProcessGroup::connect(world, options);
  group->require_same("configuration", comparable(requested));
  if (world.rank == 0) {
    std::fprintf(stderr, "data-parallel: %s, backend %s, collective timeout %lld s\n",
                 group->describe_ranks().c_str(), group->backend().c_str(),
                 static_cast<long long>(options.timeout.count()));
  }
  return group;
}

void compare_weights(ProcessGroup& group, const Trainer& trainer) {
  const std::string digest = trainer.weights_digest();
  group.require_same("weights", digest);
  if (group.world().rank == 0) {
    std::fprintf(stderr, "weights identical on all %d ranks (digest %s)\n", group.world().size,
                 digest.c_str());
  }
}

std::string describe_traffic(const ProcessGroup& group, int64_t iterations) {
  const ProcessGroup::Traffic& traffic = group.traffic();
  const double n = static_cast<double>(std::max<int64_t>(1, iterations));
  char text[200];
  std::snprintf(text, sizeof text,
                "all-reduce of the gradients: %.2f ms per iteration (%.0f calls, %.1f kB); "
                "agreeing between iterations: %.2f ms",
                1000 * traffic.gradient_seconds / n, traffic.gradient_calls / n,
                traffic.gradient_bytes / n / 1000, 1000 * traffic.agreement_seconds / n);
  return text;
}

int follow_rank_zero(const std::shared_ptr<ProcessGroup>& group) {
  const World& world = group->world();
  RunConfig config = parse_config(group->share("configuration", {}), "rank 0's configuration");
  config.training.device = rank_device(config.training.device, world);
  Trainer trainer(config);
  trainer.join(group);
  std::fprintf(
      stderr, "%s: %s, %lld of the batch of %d, shard of %lld images\n", world.describe().c_str(),
      trainer.device_description().c_str(),
      static_cast<long long>(batch_share(config.training.batch_size, world.rank, world.size)),
      config.training.batch_size,
      static_cast<long long>((trainer.dataset_size() - world.rank + world.size - 1) / world.size));
  RankAgreement agreement(*group, trainer.config());
  gs::follow_rank_zero(trainer, agreement, interrupt_requested);
  compare_weights(*group, trainer);
  std::fprintf(stderr, "%s: stopped with rank 0 at iteration %lld\n", world.describe().c_str(),
               static_cast<long long>(trainer.iteration()));
  return 0;
}

}  // namespace gs::cli
