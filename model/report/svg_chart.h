// Line charts as SVG for the report: axes with round ticks, a legend, solid or dashed lines. No
// scripts, no fonts but the reader's sans-serif: the file prints and scales anywhere.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gs {

struct ChartSeries {
  std::string name;
  std::string color = "#1f77b4";  // any SVG colour
  std::vector<double> x;
  std::vector<double> y;  // non-finite values break the line
  bool dashed = false;
  double width = 1.6;
  bool markers = false;  // a dot at each point (sparse series: quality measurements)
};

struct ChartOptions {
  std::string title;
  std::string x_label;
  std::string y_label;
  int width = 720;
  int height = 260;
  std::optional<double> y_min;  // unset: from the data
  std::optional<double> y_max;
};

// Most points drawn per series (longer series are thinned evenly, keeping the last).
inline constexpr size_t kMostChartPoints = 800;

// One <svg> element (with a viewBox, so it scales to its container).
std::string svg_line_chart(const std::vector<ChartSeries>& series, const ChartOptions& options);

// Steps of 1, 2 or 5 times a power of ten giving about `count` ticks over [low, high].
std::vector<double> nice_ticks(double low, double high, int count);

}  // namespace gs
