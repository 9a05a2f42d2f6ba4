// Helpers shared by the test executables: temporary folders, tiny configurations, small data.
#pragma once

#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/data/image_set.h"
#include "model/quality/quality_meter.h"

namespace gs::testing {

// A fresh folder under the system's temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A model small enough to train a few iterations in well under a second on a CPU.
RunConfig tiny_config(Preset preset);
// The same, conditional (G draws the class asked for; the digits' 10 classes).
RunConfig conditional_config(Preset preset);

// The first `count` embedded digits (every class is present in any prefix of 10 or more).
ImageSet small_digits(int count);

void write_bytes(const std::string& path, const std::string& bytes);
// The names in a folder (not its sub-folders' contents), sorted.
std::vector<std::string> files_in(const std::string& folder);

// `cli train` of a tiny compact model on the CPU into `out`: `iterations` iterations, a grid every
// 3 and a checkpoint every 4 (the CLI tests' run; they add settings with more --set).
std::vector<std::string> tiny_train_command(const std::string& cli, const std::string& out,
                                            int iterations);

// Lowers the largest file this process may write (and ignores SIGXFSZ) while it lives, so that
// writes fail midway as on a full disk ("File too large").
class FileSizeLimit {
 public:
  explicit FileSizeLimit(unsigned long bytes);
  ~FileSizeLimit();
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  unsigned long saved_soft_ = 0;
  void (*saved_handler_)(int) = nullptr;
};
std::string gzip_bytes(const std::string& raw);

// Quality-meter options whose caches live in `folder` (a test's own).
MeterOptions cached_in(const std::string& folder);
std::string big_endian32(uint32_t value);

// metrics.csv without the wall-clock columns (step_ms, time_s), which no two runs share.
std::string metrics_without_clock(const std::string& metrics_csv);

}  // namespace gs::testing
