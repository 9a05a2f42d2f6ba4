#include "model/runs/csv_file.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

namespace {

std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.emplace_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

}  // namespace

int64_t parse_whole_number(const std::string& text, const std::string& where,
                           const std::string& what) {
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    throw Error(where + ": " + what + " must be a whole number, got '" + text + "'");
  }
  return value;
}

CsvFile CsvFile::read(const std::string& path) { return parse(read_file(path), path); }

CsvFile CsvFile::read_last(const std::string& path) {
  constexpr uint64_t kEnds = uint64_t{64} * 1024;  // more than a header or a row ever takes
  RegularFile in(path);                            // a FIFO or a device is refused, never waited on
  const uint64_t size = in.size();
  if (size <= 2 * kEnds) {  // small: all of it, from the file already open
    CsvFile file = parse(in.read(size), path);
    if (file.rows_.size() > 1) file.rows_.erase(file.rows_.begin(), file.rows_.end() - 1);
    return file;
  }
  const std::string head = in.read(kEnds);
  in.seek(size - kEnds);
  const std::string tail = in.read(kEnds);
  const size_t header_end = head.find('\n');
  if (header_end == std::string::npos) throw Error(path + ": no header line");
  // The last complete line: after the newline before the final one (a line still being written
  // has no newline yet and is left out, as parse() does).
  const size_t last_newline = tail.rfind('\n');
  const size_t line_start = last_newline == std::string::npos || last_newline == 0
                                ? std::string::npos
                                : tail.rfind('\n', last_newline - 1);
  if (line_start == std::string::npos) {
    throw Error(path + ": a line longer than " + std::to_string(kEnds) + " bytes");
  }
  return parse_lines(
      head.substr(0, header_end + 1) + tail.substr(line_start + 1, last_newline - line_start), path,
      false);
}

CsvFile CsvFile::parse(std::string_view text, const std::string& name) {
  return parse_lines(text, name, true);
}

CsvFile CsvFile::parse_lines(std::string_view text, const std::string& name, bool numbered) {
  CsvFile file;
  file.name_ = name;
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    const size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) break;  // a line still being written
    std::string_view line = text.substr(start, newline - start);
    start = newline + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (file.header_.empty()) {
      file.header_ = split(line);
      continue;
    }
    std::vector<std::string> cells = split(line);
    const Row row{numbered ? line_number : 0, {}};
    if (cells.size() != file.header_.size()) {
      throw Error(file.where(row) + ": expected " + std::to_string(file.header_.size()) +
                  " comma-separated values (" + std::string(text.substr(0, text.find('\n'))) +
                  "), found " + std::to_string(cells.size()));
    }
    file.rows_.push_back({row.line, std::move(cells)});
  }
  if (file.header_.empty() && !text.empty()) throw Error(name + ": no header line");
  return file;
}

std::string CsvFile::where(const Row& row) const {
  return name_ + ":" + (row.line > 0 ? std::to_string(row.line) : std::string("last line"));
}

int CsvFile::column(const std::string& name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int CsvFile::require(const std::string& name) const {
  const int index = column(name);
  if (index < 0) throw Error(name_ + ": no column '" + name + "' in its header");
  return index;
}

const std::string& CsvFile::text(const Row& row, int column) const {
  static const std::string empty;
  if (column < 0 || static_cast<size_t>(column) >= row.cells.size()) return empty;
  return row.cells[static_cast<size_t>(column)];
}

int64_t CsvFile::integer(const Row& row, int column, int64_t fallback) const {
  const std::string& cell = text(row, column);
  if (cell.empty()) return fallback;
  return parse_whole_number(cell, where(row), header_[static_cast<size_t>(column)]);
}

double CsvFile::real(const Row& row, int column, double fallback) const {
  const std::string& cell = text(row, column);
  if (cell.empty()) return fallback;
  char* end = nullptr;
  const double value = std::strtod(cell.c_str(), &end);
  if (*end != '\0') {
    throw Error(where(row) + ": " + header_[static_cast<size_t>(column)] +
                " must be a number, got '" + cell + "'");
  }
  return value;
}

}  // namespace gs
