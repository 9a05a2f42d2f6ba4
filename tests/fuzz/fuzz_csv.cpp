// The run folder's row files (metrics, changes, quality, health, scores), read by column name.
#include <filesystem>

#include "model/io/file_io.h"
#include "model/runs/run_directory.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string folder = (fuzz::scratch() / "run").string();
  std::filesystem::create_directories(folder);
  const std::string bytes = fuzz::bytes_of(data, size);
  for (const RowFile& row_file : kRowFiles) {
    write_file_atomically(folder + "/" + row_file.name, bytes);
  }
  fuzz::expect_only_errors([&] { read_metrics(folder + "/" + kMetricsFile); });
  fuzz::expect_only_errors([&] { read_changes(folder); });
  fuzz::expect_only_errors([&] { read_quality(folder); });
  fuzz::expect_only_errors([&] { read_health(folder); });
  fuzz::expect_only_errors([&] { read_scores(folder); });
  return 0;
}
