// What a watcher reads from a run folder that another process (or a sync tool) writes: the bytes
// arrive in two pieces (a write cut anywhere), and the file may then be replaced; FileTail hands
// whole lines to the metrics parser, and a summary reads the last row from the file's ends.
#include <filesystem>

#include "model/io/file_io.h"
#include "model/runs/file_tail.h"
#include "model/runs/run_directory.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string bytes = fuzz::bytes_of(data, size);
  const std::string path = (fuzz::scratch() / "metrics.csv").string();
  const size_t cut = size ? data[0] % (size + 1) : 0;
  write_file_atomically(path, bytes.substr(0, cut));
  FileTail tail(path);
  std::string text;
  auto take = [&](const FileTail::Lines& got) {
    if (got.restarted) text.clear();
    for (const std::string& line : got.lines) text += line + "\n";
  };
  take(tail.poll());
  {
    std::FILE* file = std::fopen(path.c_str(), "ab");
    if (file) {
      std::fwrite(bytes.data() + cut, 1, size - cut, file);
      std::fclose(file);
    }
  }
  take(tail.poll());
  fuzz::expect_only_errors([&] { parse_metrics(text, path); });
  fuzz::expect_only_errors([&] { read_last_metrics(path); });
  write_file_atomically(path, bytes.substr(cut));  // replaced underneath
  take(tail.poll());
  fuzz::expect_only_errors([&] { parse_metrics(text, path); });
  return 0;
}
