// Run-folder discovery: the input is a list of entries "path\n" (a line ending in '/' is a
// folder; a line "path=contents" is a file), laid out under a scratch folder; then the functions
// that find checkpoints, sample grids and run folders, read its note, write a report of it, and a
// writer opening it, are run on it.
#include <filesystem>
#include <sstream>

#include "model/io/file_io.h"
#include "model/report/run_report.h"
#include "model/runs/run_directory.h"
#include "model/runs/run_notes.h"
#include "tests/fuzz/fuzz_support.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const fs::path root = fuzz::scratch() / "run";
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directories(root / "checkpoints");
  fs::create_directories(root / "samples");
  std::istringstream lines(fuzz::bytes_of(data, size));
  std::string line;
  for (int entries = 0; entries < 16 && std::getline(lines, line); ++entries) {
    const std::string name = line.substr(0, line.find('='));
    // Stay inside the scratch folder: relative names without "..".
    if (name.empty() || name.size() > 120 || name[0] == '/' ||
        name.find("..") != std::string::npos || name.find('\0') != std::string::npos) {
      continue;
    }
    const fs::path target = root / name;
    if (name.back() == '/') {
      fs::create_directories(target, ec);
    } else {
      fs::create_directories(target.parent_path(), ec);
      const std::string contents = line.size() > name.size() ? line.substr(name.size() + 1) : "";
      fuzz::expect_only_errors([&] { write_file_atomically(target.string(), contents); });
    }
  }
  const std::string run = root.string();
  fuzz::expect_only_errors([&] { RunDirectory::checkpoints(run); });
  fuzz::expect_only_errors([&] { RunDirectory::find_checkpoint(run); });
  fuzz::expect_only_errors([&] { RunDirectory::sample_grids(run); });
  fuzz::expect_only_errors([&] { RunDirectory::run_folder_of(run + "/checkpoints/iter_1.pt"); });
  fuzz::expect_only_errors([&] { read_run_note(run); });
  fuzz::expect_only_errors([&] { report_html({run}); });
  fuzz::expect_only_errors([&] { RunDirectory::remove_stale_temporaries(run); });
  fuzz::expect_only_errors([&] { RunDirectory directory(run, true); });
  return 0;
}
