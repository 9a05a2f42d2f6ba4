// Text for the CSV files people open in a spreadsheet (`runs --csv`, the runs panel's export),
// written by hand as json_text.h is.
#pragma once

#include <string>
#include <vector>

namespace gs {

// `text` as one CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or
// leading or trailing spaces, quotes doubled. Text a spreadsheet would run as a formula (starting
// with =, +, -, @, a tab or a carriage return, and not a number) gets a leading apostrophe first:
// a run named "=HYPERLINK(...)" stays text (OWASP's advice on CSV injection).
std::string csv_field(const std::string& text);
// The fields as one line, comma-separated, with "\n" at its end.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace gs
