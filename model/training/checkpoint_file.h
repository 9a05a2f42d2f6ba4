// The checkpoint file's envelope, checked before LibTorch reads a byte of it (no LibTorch here):
//
//   GanStudio checkpoint\n
//   config_bytes M\n
//   payload_bytes N\n
//   payload_crc32 8 hex digits\n
//   \n
//   M bytes: the run's effective configuration (YAML)
//   N bytes: the LibTorch archive (a zip: tensors stored, small code records deflated)
//
// Reading checks, in this order: the header; the file's size against M and N; M against a fixed
// limit and N against the range its configuration allows (so a damaged or hostile file cannot make
// the program allocate more than that); the payload's CRC-32; the zip directory (every record
// inside the payload, of bounded size). Every failure is an Error naming the file. Files written
// before the envelope existed (a bare archive) are read with the zip check and the file's size as
// bound.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace gs {

inline constexpr const char* kCheckpointMagic = "GanStudio checkpoint\n";
inline constexpr uint64_t kMaxCheckpointConfigBytes = 1 << 20;

struct CheckpointFile {
  std::string config_text;  // empty for a file without the envelope: it is in the archive
  std::string payload;      // the LibTorch archive
};

std::string wrap_checkpoint(const std::string& config_text, const std::string& payload);

// `payload_bound` gives the most payload bytes a configuration allows (it may throw Error, for a
// configuration that does not parse).
CheckpointFile read_checkpoint_file(
    const std::string& path, const std::function<uint64_t(const std::string&)>& payload_bound);

// Only the configuration and the payload's size (the envelope's header and config; nothing else
// is read). config_text is empty for a file without the envelope.
struct CheckpointHead {
  std::string config_text;
  uint64_t payload_bytes = 0;
};
CheckpointHead read_checkpoint_head(const std::string& path);

// Throws Error("<path>: damaged checkpoint (...)") unless `archive` is a zip whose records lie
// inside the archive and are stored (sizes equal) or deflated (at most 16 MiB, at most 1032 times
// their compressed size, deflate's limit): what LibTorch allocates for a record is then bounded
// by the archive's size.
void check_zip_structure(const std::string& archive, const std::string& path);

}  // namespace gs
