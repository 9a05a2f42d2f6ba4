// Checkpoint loading: the envelope and archive checks, the stored configuration, and a generator
// loaded from the file (LibTorch's reader sees only what passed the checks).
#include "model/io/file_io.h"
#include "model/sampling/sampler.h"
#include "model/training/checkpoint_file.h"
#include "model/training/trainer.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string path = (fuzz::scratch() / "iter_0000001.pt").string();
  write_file_atomically(path, fuzz::bytes_of(data, size));
  fuzz::expect_only_errors([&] { read_checkpoint_config(path); });
  fuzz::expect_only_errors([&] { Sampler::from_checkpoint(path).generate(2, 1); });
  return 0;
}
