#include "model/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "model/io/html_text.h"

namespace gs {

namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// A tick's label: as few digits as the step needs ("0.25", "1,000" as "1000", "2e+04").
std::string tick_label(double value, double step) {
  char text[32];
  if (std::fabs(value) >= 1e5 || (std::fabs(value) > 0 && std::fabs(value) < 1e-3)) {
    std::snprintf(text, sizeof text, "%.2g", value);
  } else {
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    std::snprintf(text, sizeof text, "%.*f", std::clamp(decimals, 0, 6), value);
  }
  return text;
}

}  // namespace

std::vector<double> nice_ticks(double low, double high, int count) {
  std::vector<double> ticks;
  if (!std::isfinite(low) || !std::isfinite(high) || count < 2) return ticks;
  if (high <= low) high = low + 1;
  const double raw = (high - low) / (count - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw) break;
  }
  // Counted in whole steps (a sum of steps would drift).
  const auto first = static_cast<int64_t>(std::ceil(low / step - 1e-9));
  const auto last = static_cast<int64_t>(std::floor(high / step + 1e-9));
  for (int64_t k = first; k <= last && ticks.size() < 100; ++k) {
    const double tick = static_cast<double>(k) * step;
    ticks.push_back(std::fabs(tick) < step * 1e-9 ? 0.0 : tick);
  }
  return ticks;
}

std::string svg_line_chart(const std::vector<ChartSeries>& series, const ChartOptions& options) {
  const double left = 58;
  const double right = 14;
  const size_t rows = (series.size() + 2) / 3;  // the legend's, three entries a row
  const auto legend_rows = static_cast<double>(rows);
  const double top = 30 + 16.0 * legend_rows;
  const double bottom = 40;
  const double width = options.width;
  const double height = options.height + top - 30;
  const double plot_w = width - left - right;
  const double plot_h = height - top - bottom;

  double x_min = INFINITY;
  double x_max = -INFINITY;
  double y_min = INFINITY;
  double y_max = -INFINITY;
  for (const ChartSeries& s : series) {
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
      x_min = std::min(x_min, s.x[i]);
      x_max = std::max(x_max, s.x[i]);
      y_min = std::min(y_min, s.y[i]);
      y_max = std::max(y_max, s.y[i]);
    }
  }
  const bool empty = !std::isfinite(x_min);
  if (empty) {
    x_min = 0;
    x_max = 1;
    y_min = 0;
    y_max = 1;
  }
  if (options.y_min) y_min = *options.y_min;
  if (options.y_max) y_max = *options.y_max;
  if (x_max <= x_min) x_max = x_min + 1;
  if (y_max <= y_min) y_max = y_min + 1;
  const std::vector<double> x_ticks = nice_ticks(x_min, x_max, 6);
  std::vector<double> y_ticks = nice_ticks(y_min, y_max, 5);
  if (y_ticks.size() >= 2) {
    // The value axis ends on round values around the data (unless its ends were given).
    const double step = y_ticks[1] - y_ticks[0];
    if (!options.y_min) y_min = std::floor(y_min / step + 1e-9) * step;
    if (!options.y_max) y_max = std::ceil(y_max / step - 1e-9) * step;
    y_ticks = nice_ticks(y_min, y_max, 5);
  }
  auto px = [&](double x) { return left + (x - x_min) / (x_max - x_min) * plot_w; };
  auto py = [&](double y) { return top + (1 - (y - y_min) / (y_max - y_min)) * plot_h; };

  // Inline in HTML: no namespace needed (and the report names no URL at all).
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + number(width) + " " + number(height) +
                    "\" role=\"img\" aria-label=\"" + html_escape(options.title) + "\">\n";
  svg += "<title>" + html_escape(options.title) + "</title>\n";
  svg += "<rect x=\"0\" y=\"0\" width=\"" + number(width) + "\" height=\"" + number(height) +
         "\" fill=\"#ffffff\"/>\n";
  // Legend: three entries a row.
  for (size_t i = 0; i < series.size(); ++i) {
    const double lx = left + static_cast<double>(i % 3) * (plot_w / 3);
    const size_t row = i / 3;
    const double ly = 14 + 16.0 * static_cast<double>(row);
    svg += "<line x1=\"" + number(lx) + "\" y1=\"" + number(ly - 4) + "\" x2=\"" + number(lx + 22) +
           "\" y2=\"" + number(ly - 4) + "\" stroke=\"" + html_escape(series[i].color) +
           "\" stroke-width=\"2.5\"" + (series[i].dashed ? " stroke-dasharray=\"6 3\"" : "") +
           "/>\n";
    svg += "<text x=\"" + number(lx + 28) + "\" y=\"" + number(ly) + "\" font-size=\"12\">" +
           html_escape(series[i].name) + "</text>\n";
  }
  // Grid, ticks and labels.
  svg += "<g font-size=\"11\" fill=\"#444444\">\n";
  for (const double t : y_ticks) {
    if (t < y_min - 1e-12 || t > y_max + 1e-12) continue;
    svg += "<line x1=\"" + number(left) + "\" y1=\"" + number(py(t)) + "\" x2=\"" +
           number(left + plot_w) + "\" y2=\"" + number(py(t)) + "\" stroke=\"#e4e4e4\"/>\n";
    svg += "<text x=\"" + number(left - 6) + "\" y=\"" + number(py(t) + 4) +
           "\" text-anchor=\"end\">" +
           tick_label(t, y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1) + "</text>\n";
  }
  for (const double t : x_ticks) {
    if (t < x_min - 1e-12 || t > x_max + 1e-12) continue;
    svg += "<line x1=\"" + number(px(t)) + "\" y1=\"" + number(top + plot_h) + "\" x2=\"" +
           number(px(t)) + "\" y2=\"" + number(top + plot_h + 4) + "\" stroke=\"#888888\"/>\n";
    svg += "<text x=\"" + number(px(t)) + "\" y=\"" + number(top + plot_h + 16) +
           "\" text-anchor=\"middle\">" +
           tick_label(t, x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1) + "</text>\n";
  }
  svg += "<rect x=\"" + number(left) + "\" y=\"" + number(top) + "\" width=\"" + number(plot_w) +
         "\" height=\"" + number(plot_h) + "\" fill=\"none\" stroke=\"#888888\"/>\n";
  svg += "<text x=\"" + number(left + plot_w / 2) + "\" y=\"" + number(height - 6) +
         "\" text-anchor=\"middle\" font-size=\"12\">" + html_escape(options.x_label) + "</text>\n";
  svg += "<text transform=\"translate(14 " + number(top + plot_h / 2) +
         ") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">" + html_escape(options.y_label) +
         "</text>\n";
  svg += "</g>\n";
  if (empty) {
    svg += "<text x=\"" + number(left + plot_w / 2) + "\" y=\"" + number(top + plot_h / 2) +
           "\" text-anchor=\"middle\" font-size=\"13\" fill=\"#888888\">no data</text>\n";
  }
  // The lines: thinned to kMostChartPoints, broken at missing values.
  for (const ChartSeries& s : series) {
    const size_t n = std::min(s.x.size(), s.y.size());
    const size_t stride = std::max<size_t>(1, (n + kMostChartPoints - 1) / kMostChartPoints);
    std::string path;
    bool pen_down = false;
    std::string dots;
    for (size_t i = 0; i < n; i += stride) {
      const size_t k = (i + stride >= n) ? n - 1 : i;  // always end on the last point
      const double x = s.x[k];
      const double y = s.y[k];
      if (!std::isfinite(x) || !std::isfinite(y)) {
        pen_down = false;
        continue;
      }
      const double cy = std::clamp(py(y), top, top + plot_h);
      path += (pen_down ? "L" : "M") + number(px(x)) + " " + number(cy);
      pen_down = true;
      if (s.markers) {
        dots += "<circle cx=\"" + number(px(x)) + "\" cy=\"" + number(cy) + "\" r=\"2.5\"/>";
      }
      if (k == n - 1) break;
    }
    if (!path.empty()) {
      svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + html_escape(s.color) +
             "\" stroke-width=\"" + number(s.width) + "\" stroke-linejoin=\"round\"" +
             (s.dashed ? " stroke-dasharray=\"6 3\"" : "") + "/>\n";
    }
    if (!dots.empty()) svg += "<g fill=\"" + html_escape(s.color) + "\">" + dots + "</g>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace gs
