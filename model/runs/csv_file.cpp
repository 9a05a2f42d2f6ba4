#include "model/runs/csv_file.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

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

CsvFile CsvFile::parse(std::string_view text, const std::string& name) {
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
    if (cells.size() != file.header_.size()) {
      throw Error(name + ":" + std::to_string(line_number) + ": expected " +
                  std::to_string(file.header_.size()) + " comma-separated values (" +
                  std::string(text.substr(0, text.find('\n'))) + "), found " +
                  std::to_string(cells.size()));
    }
    file.rows_.push_back({line_number, std::move(cells)});
  }
  if (file.header_.empty() && !text.empty()) throw Error(name + ": no header line");
  return file;
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
  return parse_whole_number(cell, name_ + ":" + std::to_string(row.line),
                            header_[static_cast<size_t>(column)]);
}

double CsvFile::real(const Row& row, int column, double fallback) const {
  const std::string& cell = text(row, column);
  if (cell.empty()) return fallback;
  char* end = nullptr;
  const double value = std::strtod(cell.c_str(), &end);
  if (*end != '\0') {
    throw Error(name_ + ":" + std::to_string(row.line) + ": " +
                header_[static_cast<size_t>(column)] + " must be a number, got '" + cell + "'");
  }
  return value;
}

}  // namespace gs
