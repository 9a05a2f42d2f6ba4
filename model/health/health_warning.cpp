#include "model/health/health_warning.h"

namespace gs {

namespace {

constexpr const char* kNames[kHealthRuleCount] = {"divergence", "d-dominance", "g-fools-d",
                                                  "mode-collapse", "gradient-spike"};

}  // namespace

std::string to_string(HealthRule rule) { return kNames[static_cast<int>(rule)]; }

bool health_rule_from_string(const std::string& name, HealthRule* rule) {
  for (int i = 0; i < kHealthRuleCount; ++i) {
    if (name == kNames[i]) {
      *rule = static_cast<HealthRule>(i);
      return true;
    }
  }
  return false;
}

}  // namespace gs
