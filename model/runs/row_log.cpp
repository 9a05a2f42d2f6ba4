#include "model/runs/row_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/csv_file.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
  return line;
}

// The rows of `file` (written with another header) in the columns of `header`.
std::string rewritten(const CsvFile& file, const std::string& header) {
  const CsvFile target = CsvFile::parse(header + "\n", "header");
  std::vector<int> source;
  for (const std::string& name : target.header()) source.push_back(file.column(name));
  std::string out = header + "\n";
  for (const CsvFile::Row& row : file.rows()) {
    std::vector<std::string> cells;
    cells.reserve(source.size());
    for (int column : source) cells.push_back(file.text(row, column));
    out += join(cells) + "\n";
  }
  return out;
}

}  // namespace

RowLog::RowLog(std::string path, std::string header)
    : path_(std::move(path)), header_(std::move(header)) {
  std::error_code ec;
  const bool exists = fs::exists(path_, ec) && fs::file_size(path_, ec) > 0;
  if (exists) {
    const CsvFile file = CsvFile::read(path_);
    if (join(file.header()) != header_) write_file_atomically(path_, rewritten(file, header_));
  }
  open();
  if (!exists) pending_ = header_ + "\n";
}

RowLog::~RowLog() {
  if (fd_ >= 0) ::close(fd_);
}

void RowLog::open() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(system_error_message(path_, "cannot open for writing", errno));
}

void RowLog::append(const std::string& row) {
  pending_ += row;
  pending_ += '\n';
}

void RowLog::flush() {
  size_t written = 0;
  while (written < pending_.size()) {
    const ssize_t n = ::write(fd_, pending_.data() + written, pending_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error_number = errno;
      pending_.erase(0, written);
      throw Error(system_error_message(path_, "write failed", error_number));
    }
    written += static_cast<size_t>(n);
  }
  pending_.clear();
}

void RowLog::sync() {
  flush();
  if (::fsync(fd_) != 0) throw Error(system_error_message(path_, "flush to disk failed", errno));
}

void RowLog::truncate_after(int64_t iteration) {
  flush();
  const CsvFile file = CsvFile::read(path_);
  std::string kept = header_ + "\n";
  const int column = file.column(file.header().empty() ? "" : file.header().front());
  for (const CsvFile::Row& row : file.rows()) {
    if (file.integer(row, column) > iteration) continue;
    kept += join(row.cells) + "\n";
  }
  ::close(fd_);
  fd_ = -1;
  write_file_atomically(path_, kept);
  open();
}

}  // namespace gs
