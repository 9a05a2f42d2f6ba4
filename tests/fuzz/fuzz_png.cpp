// The PNG decoder (libpng's simplified API behind read_png), as a data folder's images reach it:
// any colour type to grayscale and to RGB. A bomb (a header declaring 100,000 x 100,000 pixels)
// must be refused before its pixels are allocated: scripts/fuzz.sh runs this harness under a
// malloc limit, so an allocation past kMostImagePixels' worth is a finding.
#include "model/data/image_files.h"
#include "model/io/file_io.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string path = (fuzz::scratch() / "fuzz.png").string();
  write_file_atomically(path, fuzz::bytes_of(data, size));
  fuzz::expect_only_errors([&] { fit_square(read_image_file(path, 1, 28), 28); });
  fuzz::expect_only_errors([&] { fit_square(read_image_file(path, 3, 64), 64); });
  return 0;
}
