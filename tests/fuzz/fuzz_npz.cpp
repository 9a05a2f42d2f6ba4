// Keras-style .npz archives (a zip of .npy arrays) as load_npz and count_npz_images read them:
// damaged archives, headers whose shapes overflow or declare more than the member holds, and
// zip bombs must end in a named Error within scripts/fuzz.sh's malloc limit.
#include "model/data/image_files.h"
#include "model/io/file_io.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string path = (fuzz::scratch() / "fuzz.npz").string();
  write_file_atomically(path, fuzz::bytes_of(data, size));
  fuzz::expect_only_errors([&] { count_npz_images(path); });
  fuzz::expect_only_errors([&] { load_npz(path, {1, 28}); });
  fuzz::expect_only_errors([&] { load_npz(path, {3, 64}); });
  return 0;
}
