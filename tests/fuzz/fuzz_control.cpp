// The control channel's inputs: request files (written by any window or shell that can reach the
// run folder) and the trainer's status file, as the trainer and watchers parse them.
#include <filesystem>

#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string bytes = fuzz::bytes_of(data, size);
  fuzz::expect_only_errors([&] {
    const ControlRequest request = parse_control_request(bytes, "fuzz.request");
    // What parses must survive its own round trip.
    const ControlRequest again =
        parse_control_request(format_control_request(request), "again.request");
    if (again.command != request.command || again.key != request.key ||
        again.value != request.value || again.note != request.note || again.from != request.from) {
      __builtin_trap();
    }
  });
  const std::string folder = (fuzz::scratch() / "run").string();
  std::filesystem::create_directories(folder + "/control");
  write_file_atomically(folder + "/" + kStatusFile, bytes);
  fuzz::expect_only_errors([&] { read_trainer_status(folder); });
  return 0;
}
