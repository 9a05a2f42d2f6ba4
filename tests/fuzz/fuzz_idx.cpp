// The IDX reader (raw and gzip): parse_idx, parse_idx_dims, and the image-set loader on a file.
#include "model/data/idx.h"
#include "model/data/image_set.h"
#include "model/io/file_io.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string bytes = fuzz::bytes_of(data, size);
  fuzz::expect_only_errors([&] { parse_idx(bytes, "fuzz.idx"); });
  fuzz::expect_only_errors([&] { parse_idx_dims(bytes, "fuzz.idx"); });
  fuzz::expect_only_errors([&] {
    const std::string path = (fuzz::scratch() / "images-idx3-ubyte").string();
    write_file_atomically(path, bytes);
    count_images(path);
    load_image_set(path);
  });
  return 0;
}
