// The JPEG decoder (libjpeg, scaled while it decodes) as a data folder's images reach it, to
// grayscale and to RGB; truncated and corrupt files must be refused by name, and a header that
// declares more pixels than kMostImagePixels before any are allocated (scripts/fuzz.sh runs this
// harness under a malloc limit).
#include "model/data/image_files.h"
#include "model/io/file_io.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string path = (fuzz::scratch() / "fuzz.jpg").string();
  write_file_atomically(path, fuzz::bytes_of(data, size));
  fuzz::expect_only_errors([&] { fit_square(read_image_file(path, 1, 28), 28); });
  fuzz::expect_only_errors([&] { fit_square(read_image_file(path, 3, 0), 32); });
  return 0;
}
