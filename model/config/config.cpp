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

std::string to_string(Augment augment) {
  switch (augment) {
    case Augment::DiffAugment:
      return "diffaugment";
    case Augment::Ada:
      return "ada";
    case Augment::Off:
      break;
  }
  return "off";
}

std::string to_string(DistributedBackend backend) {
  switch (backend) {
    case DistributedBackend::Gloo:
      return "gloo";
    case DistributedBackend::Nccl:
      return "nccl";
    case DistributedBackend::Auto:
      break;
  }
  return "auto";
}

std::optional<std::array<uint8_t, 3>> parse_background(const std::string& text) {
  if (text == "white") return std::array<uint8_t, 3>{255, 255, 255};
  if (text == "black") return std::array<uint8_t, 3>{0, 0, 0};
  if (text == "gray" || text == "grey") return std::array<uint8_t, 3>{128, 128, 128};
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::array<uint8_t, 3> rgb{};
  for (size_t i = 0; i < 3; ++i) {
    const int high = hex(text[1 + 2 * i]);
    const int low = hex(text[2 + 2 * i]);
    if (high < 0 || low < 0) return std::nullopt;
    rgb[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return rgb;
}

std::string to_string(Precision precision) {
  return precision == Precision::Fp32 ? "fp32" : "bf16";
}

std::string RunConfig::where(const std::string& key) const {
  const auto it = origins.find(key);
  return it == origins.end() ? std::string{} : it->second + ": ";
}

}  // namespace gs
