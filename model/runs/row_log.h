// An append-only CSV file of a run folder whose rows start with an iteration (metrics.csv,
// changes.csv, quality.csv, health.csv). Rows wait in memory and reach the disk on flush(); a
// failed write (a full disk) keeps them for the next flush, so nothing is lost. sync() also makes
// them durable (fsync): the run core does that before a checkpoint is renamed into place.
#pragma once

#include <cstdint>
#include <string>

namespace gs {

class RowLog {
 public:
  // Opens `path` for appending. A new or empty file starts with `header`; a file written with
  // another header (an older GanStudio) is rewritten with this one, columns matched by name.
  RowLog(std::string path, std::string header);
  ~RowLog();
  RowLog(const RowLog&) = delete;
  RowLog& operator=(const RowLog&) = delete;

  const std::string& path() const { return path_; }
  // Appends one row (without its newline); nothing is written yet.
  void append(const std::string& row);
  bool has_pending() const { return !pending_.empty(); }
  // Writes the waiting rows; throws Error naming the file (they stay waiting).
  void flush();
  // flush(), then fsync.
  void sync();
  // Keeps the rows up to `iteration` (and the header); drops a half-written last line.
  void truncate_after(int64_t iteration);

 private:
  void open();

  std::string path_;
  std::string header_;
  int fd_ = -1;
  std::string pending_;
};

}  // namespace gs
