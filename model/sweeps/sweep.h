// A sweep: trials of one training recipe over a space of settings, ranked by the quality meter's
// distance. This is its plan and its record (sweep.yaml, beside one run folder per trial); the
// CLI's `sweep` command runs the trials as `ganstudio-cli train` processes and fills it in. No
// LibTorch here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gs {

// One swept setting: "key=v1,v2,v3" (a list), "key=log:1e-5..1e-3" (log-uniform) or
// "key=lin:0..0.9" (uniform). A single value is a list of one (a fixed setting).
struct Dimension {
  enum class Kind { List, Log, Lin };
  std::string key;
  Kind kind = Kind::List;
  std::vector<std::string> values;  // List
  double low = 0;                   // Log, Lin
  double high = 0;

  // Back to the text it was parsed from ("training.learning_rate_d=log:1e-05..0.001").
  std::string text() const;
};

// Throws ConfigError naming the key: not a configuration key, a value it refuses, a range whose
// ends are not numbers (or not positive, for log).
Dimension parse_dimension(const std::string& assignment);

enum class SweepMethod { Grid, Random, Halving };
std::string to_string(SweepMethod method);
SweepMethod parse_sweep_method(const std::string& text);

// The whole sweep's budget: wall-clock seconds ("90s", "3m", "2h", or plain seconds) or
// iterations of all trials together ("5000i", "5000it").
struct Budget {
  enum class Kind { Seconds, Iterations };
  Kind kind = Kind::Seconds;
  double amount = 0;
  std::string text() const;
};
Budget parse_budget(const std::string& text);

enum class TrialState { Pending, Running, Finished, Halted, Diverged, Failed };
std::string to_string(TrialState state);

struct Trial {
  std::string name;                             // its run folder, inside the sweep's trials/
  std::map<std::string, std::string> settings;  // swept key -> value text
  TrialState state = TrialState::Pending;
  int rung = 0;              // successive halving: the rung it reached (0 for the others)
  int64_t target = 0;        // iterations it trains to in its rung (iteration budgets)
  double seconds_left = 0;   // seconds it trains for in its rung (time budgets)
  int64_t iterations = 0;    // trained so far
  double seconds = 0;        // training time so far
  std::optional<double> fd;  // the quality meter's distance after its newest rung
  int classes_covered = 0;
  int classes = 0;
  std::string message;  // why it failed
};

struct Sweep {
  std::vector<Dimension> space;
  std::vector<std::string> fixed;  // assignments every trial gets (--fixed)
  SweepMethod method = SweepMethod::Grid;
  Budget budget;
  int trials_wanted = 0;  // random and halving
  uint64_t seed = 0;
  int parallel = 1;
  int samples = 500;     // samples the quality meter scores per trial
  double elapsed_s = 0;  // wall-clock spent by this sweep so far (over its sessions)
  std::vector<Trial> trials;
};

// The trials of `sweep`'s method over its space (their settings; named trial-001, ...): every
// combination of the lists for grid (a range is refused), `trials_wanted` draws from `seed` for
// random and halving (lists uniformly, log ranges log-uniformly, lin ranges uniformly; numbers
// with 3 significant digits). Throws Error.
std::vector<Trial> plan_trials(const Sweep& sweep);

// Successive halving's rungs for `count` trials: how many trials each rung keeps (8: 8, 4, 2, 1).
std::vector<int> halving_rungs(int count);

// Trials best first: by distance (lower first), ties by classes covered (more first); trials
// without a distance after them, in their order.
std::vector<const Trial*> ranked(const Sweep& sweep);

// sweep.yaml (throws Error naming `name` when it does not parse).
std::string to_yaml(const Sweep& sweep);
Sweep parse_sweep(const std::string& yaml_text, const std::string& name);
inline constexpr const char* kSweepFile = "sweep.yaml";
inline constexpr const char* kTrialsFolder = "trials";

// The quick sweep (`sweep --quick`, the window's Quick Sweep): the CPU default's learning rates of
// D and G on a log range, beta1 and the loss; 8 trials by successive halving in 10 minutes.
std::vector<std::string> quick_sweep_space();
inline constexpr int kQuickSweepTrials = 8;
inline constexpr const char* kQuickSweepBudget = "10m";

// The summary: trials best first with their settings, iterations, time, state and distance.
std::string summary_table(const Sweep& sweep);
std::string summary_json(const Sweep& sweep);

}  // namespace gs
