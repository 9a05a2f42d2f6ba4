#include "model/health/health_rules.h"

namespace gs {

HealthAdvice advice_for(HealthRule rule) {
  switch (rule) {
    case HealthRule::Divergence:
      return {"Training diverged",
              "A loss or a gradient became NaN, infinite or astronomically large: the networks' "
              "weights are no longer meaningful, and training cannot recover from here.",
              "Roll back to the last good checkpoint with half the learning rates."};
    case HealthRule::DDominance:
      return {"The discriminator dominates",
              "For a long stretch D recognised every fake and G almost never fooled it: G's "
              "gradients carry little signal, and it stops learning.",
              "Lower D's learning rate (or raise G's), or branch from a checkpoint before this "
              "stretch. With a small data set (your own pictures), branch with augmentation on "
              "(training.augment: diffaugment, or ada for a strength that follows D) so that D "
              "cannot learn the images by heart."};
    case HealthRule::GFoolsD:
      return {"G may be fooling D with garbage",
              "G's loss keeps falling while its samples get further from real images (the "
              "quality meter's distance rises): D accepts something that does not look like the "
              "data.",
              "Look at the grid. Lower G's learning rate, or roll back to an earlier checkpoint."};
    case HealthRule::ModeCollapse:
      return {"Mode collapse",
              "The samples lose variety: classes disappear from them, or the grid's samples look "
              "alike. A partial collapse can recover; a total one (the same output for every z) "
              "needs a restart.",
              "Watch a few hundred iterations; if it does not recover, roll back to an earlier "
              "checkpoint and lower the learning rates."};
    case HealthRule::GradientSpike:
      return {"Gradient spike",
              "A gradient norm jumped far above its recent size: training took an unstable step.",
              "One spike is harmless; if they repeat, lower the learning rates."};
  }
  return {"", "", ""};
}

}  // namespace gs
