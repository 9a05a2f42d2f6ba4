// A warning of the health monitor (model/health/health_monitor.h): which rule saw what, at which
// iteration. The explanations and advice for people live with the rules (health_rules.h). No
// LibTorch here.
#pragma once

#include <cstdint>
#include <string>

namespace gs {

enum class HealthRule {
  Divergence,     // a loss or a gradient is NaN, infinite, or exploded
  DDominance,     // D wins every time for a long stretch: G gets no signal
  GFoolsD,        // G's loss falls while the samples get further from real images
  ModeCollapse,   // classes disappear, or the samples all look alike
  GradientSpike,  // a gradient norm jumps far above its usual size
};

inline constexpr int kHealthRuleCount = 5;

// "divergence", "d-dominance", "g-fools-d", "mode-collapse", "gradient-spike" (health.csv).
std::string to_string(HealthRule rule);
// The rule of a name written by to_string; false when there is none.
bool health_rule_from_string(const std::string& name, HealthRule* rule);

struct HealthWarning {
  int64_t iteration = 0;
  HealthRule rule = HealthRule::Divergence;
  std::string detail;   // what was measured, one line: "D accuracy 0.99, G accuracy 0.00 over 300 iterations"
  bool paused = false;  // the run paused for it (health.pause_on_*)
};

}  // namespace gs
