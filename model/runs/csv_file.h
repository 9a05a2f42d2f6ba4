// The comma-separated files of a run folder (metrics.csv, changes.csv, quality.csv, health.csv): a
// header row naming the columns, then one row per line. Reading is strict where it matters to a
// person: every number is checked and a bad one is reported with the file, the line and the column
// ("metrics.csv:12: iteration must be a whole number, got '9999999999999999999999'"), and so is a
// row with more or fewer values than the header. A last line without its newline is being written
// by another process: it is left out, not an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

class CsvFile {
 public:
  struct Row {
    int line = 0;  // 1-based line number in the file
    std::vector<std::string> cells;
  };

  // Throws Error naming the file when it cannot be read or has no header.
  static CsvFile read(const std::string& path);
  static CsvFile parse(std::string_view text, const std::string& name);
  // The header and only the last complete row (none when the file has none), reading the file's
  // first and last few kilobytes only: a long run's summary without reading all its rows. A row
  // far from the start carries line 0 ("<file>:last line" in messages).
  static CsvFile read_last(const std::string& path);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<Row>& rows() const { return rows_; }
  // The index of a column by its name, or -1.
  int column(const std::string& name) const;
  // The index of a column the file must have; throws Error naming the file otherwise.
  int require(const std::string& name) const;

  // A cell as a number (throws Error "<file>:<line>: <column> must be ..., got '<text>'"); an
  // absent column (index -1) or an empty cell gives `fallback`.
  int64_t integer(const Row& row, int column, int64_t fallback = 0) const;
  double real(const Row& row, int column, double fallback = 0) const;
  const std::string& text(const Row& row, int column) const;

 private:
  // `numbered`: rows carry their line numbers (else 0, for a text cut from a file's end).
  static CsvFile parse_lines(std::string_view text, const std::string& name, bool numbered);
  std::string where(const Row& row) const;

  std::string name_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

// Parses a whole number; throws Error "<where>: <what> must be a whole number, got '<text>'" when
// the text is not one or does not fit 64 bits.
int64_t parse_whole_number(const std::string& text, const std::string& where,
                           const std::string& what);

}  // namespace gs
