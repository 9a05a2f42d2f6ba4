// What each health rule means for a person: a title, why it matters and what to do (the CLI prints
// them; the window shows them in its banner, translated). docs/HEALTH.md has the sources.
#pragma once

#include "model/health/health_warning.h"

namespace gs {

struct HealthAdvice {
  const char* title;
  const char* explanation;
  const char* advice;
};

HealthAdvice advice_for(HealthRule rule);

}  // namespace gs
