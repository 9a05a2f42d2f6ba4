// Names of the configuration's choices, and where keys were set.
#include "model/config/config.h"

namespace gs {

// --- Names --------------------------------------------------------------------------------------

std::string to_string(Preset preset) { return preset == Preset::Seed ? "seed" : "compact"; }
std::string to_string(Loop loop) { return loop == Loop::SeedExact ? "seed-exact" : "fast"; }
std::string to_string(MemoryFormat format) {
  return format == MemoryFormat::ChannelsLast ? "channels-last" : "contiguous";
}

std::string to_string(Loss loss) {
  switch (loss) {
    case Loss::Hinge:
      return "hinge";
    case Loss::WganGp:
      return "wgan-gp";
    case Loss::Lsgan:
      return "lsgan";
    case Loss::Bce:
      break;
  }
  return "bce";
}

std::string to_string(Precision precision) {
  return precision == Precision::Fp32 ? "fp32" : "bf16";
}

std::string RunConfig::where(const std::string& key) const {
  const auto it = origins.find(key);
  return it == origins.end() ? std::string{} : it->second + ": ";
}

}  // namespace gs
