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

#include "model/config/config.h"

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

// What a checkpoint of this configuration can hold, in payload bytes (`unresolved` is resolved here).
// At most: every float of G, its average and D, with Adam's two moments for G and D, the fixed
// latent batch, and 1 MiB for the archive's own structure and the random generator's state (every
// layer of either preset is at most a 5 x 5 kernel between neighbouring widths, or a dense layer
// to or from a 7 x 7 map). At least: G's and D's weights with 1 x 1 kernels. A file smaller than
// that cannot hold the networks its configuration declares; refusing it keeps a damaged
// configuration from making the program build enormous networks.
struct PayloadRange {
  uint64_t least = 0;
  uint64_t most = 0;
};
PayloadRange payload_range(const RunConfig& unresolved);

// A weights snapshot a trainer writes for its watchers (control/generator.pt,
// control/discriminator.pt: one network's bare LibTorch archive), read as a checkpoint's payload
// is: at most what `config`'s networks take, and its zip structure checked before LibTorch reads
// it. Throws Error naming the file.
std::string read_weights_snapshot(const std::string& path, const RunConfig& config);

}  // namespace gs
