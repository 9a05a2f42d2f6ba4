#include "model/training/rank_agreement.h"

#include <string>
#include <utility>
#include <vector>

#include "model/config/live_settings.h"

namespace gs {

RankAgreement::RankAgreement(ProcessGroup& group, RunConfig settings)
    : group_(group), sent_(std::move(settings)) {}

RankAgreement::Decision RankAgreement::agree(Action action, const RunConfig& settings,
                                             bool interrupted) {
  const bool master = group_.world().rank == 0;
  if (master && !live_changes(sent_, settings).empty()) {
    ++version_;
    // Published before the all-reduce that announces it: the others find it in the store.
    group_.share("settings/" + std::to_string(version_), to_yaml(settings));
    sent_ = settings;
  }
  const std::vector<int64_t> sums = group_.sum(
      {master ? static_cast<int64_t>(action) : 0, interrupted ? 1 : 0, master ? version_ : 0},
      "agreeing on the next iteration");
  Decision decision;
  decision.action = static_cast<Action>(sums[0]);
  decision.interrupted = sums[1] > 0;
  if (decision.interrupted) decision.action = Action::Stop;
  if (!master && sums[2] != version_) {
    version_ = sums[2];
    decision.settings = parse_config(group_.share("settings/" + std::to_string(version_), {}),
                                     "rank 0's live settings");
  }
  stopped_ = stopped_ || decision.action == Action::Stop;
  return decision;
}

}  // namespace gs
