#include "tests/common/diverged_checkpoint.h"

#include "model/training/checkpoint.h"
#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs::testing {

void write_diverged_checkpoint(const RunConfig& config, const std::string& path) {
  TrainingState state = make_training_state(resolve(config, false), small_digits(64));
  {
    torch::NoGradGuard no_grad;
    for (auto& parameter : state.generator->parameters()) parameter.fill_(NAN);
  }
  state.iteration = 5;
  save_checkpoint(state, path);
}

}  // namespace gs::testing
