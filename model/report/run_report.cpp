#include "model/report/run_report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "model/config/config.h"
#include "model/config/settings.h"
#include "model/core/number_text.h"
#include "model/core/smoothing.h"
#include "model/health/health_warning.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/host.h"
#include "model/io/html_text.h"
#include "model/io/images.h"
#include "model/report/svg_chart.h"
#include "model/runs/control_channel.h"
#include "model/runs/lineage.h"
#include "model/runs/run_catalog.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

constexpr const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                   "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};
constexpr const char* kDColor = "#1f77b4";
constexpr int kFinalSamples = 100;
constexpr const char* kGColor = "#ff7f0e";

const char* color_of(size_t index) { return kColors[index % std::size(kColors)]; }

std::string e(const std::string& text) { return html_escape(text); }

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// "1:02:03", or a dash when there is no time.
std::string duration(double seconds) {
  const std::string text = duration_text(seconds);
  return text.empty() ? "–" : text;
}

std::string now_text() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown processor";
}

// Everything the report shows of one run, read once.
struct RunData {
  RunSummary summary;
  std::optional<RunConfig> config;
  std::vector<StepStats> metrics;
  std::vector<double> times;  // time_s per row
  std::vector<QualityScores> quality;
  std::vector<HealthWarning> health;
  std::vector<std::pair<int64_t, std::string>> grids;
  std::vector<std::string> problems;  // files that could not be read, each with the reason
  std::string trainer;                // "host (pid N)" from control/status, when it was steered
  double training_s = NAN;
  double median_step_ms = NAN;
};

RunData read_run(const std::string& given) {
  RunData run;
  const std::string path = absolute_path(given);  // as branches name their parents
  run.summary = summarize_run(path);              // throws for a folder that is not a run
  if (!run.summary.problem.empty()) run.problems.push_back(run.summary.problem);
  auto attempt = [&](const std::function<void()>& read) {
    try {
      read();
    } catch (const Error& error) {
      run.problems.emplace_back(error.what());
    }
  };
  attempt([&] { run.config = load_config((fs::path(path) / kConfigFile).string()); });
  attempt(
      [&] { run.metrics = read_metrics((fs::path(path) / kMetricsFile).string(), &run.times); });
  attempt([&] { run.quality = read_quality(path); });
  attempt([&] { run.health = read_health(path); });
  attempt([&] {
    if (const auto status = read_trainer_status(path)) run.trainer = status->owner;
  });
  run.grids = RunDirectory::sample_grids(path);
  // Training time across sessions (time_s restarts when a run is resumed), as the charts count it.
  const std::vector<double> clock = training_time(run.metrics, run.times);
  if (!clock.empty()) run.training_s = clock.back();
  std::vector<double> steps;
  for (const StepStats& s : run.metrics) {
    if (s.step_ms > 0) steps.push_back(s.step_ms);
  }
  if (!steps.empty()) {
    std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                     steps.end());
    run.median_step_ms = steps[steps.size() / 2];
  }
  return run;
}

std::vector<double> smoothed(const std::vector<StepStats>& rows, float StepStats::*field) {
  DebiasedEma ema(0.95);
  std::vector<double> out;
  out.reserve(rows.size());
  for (const StepStats& row : rows) out.push_back(ema.add(row.*field));
  return out;
}

std::vector<double> iterations(const std::vector<StepStats>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (const StepStats& row : rows) out.push_back(static_cast<double>(row.iteration));
  return out;
}

ChartSeries series(const std::string& name, const char* color, std::vector<double> x,
                   std::vector<double> y, bool dashed = false) {
  ChartSeries s;
  s.name = name;
  s.color = color;
  s.x = std::move(x);
  s.y = std::move(y);
  s.dashed = dashed;
  return s;
}

ChartSeries fd_series(const RunData& run, const std::string& name, const char* color) {
  ChartSeries s;
  s.name = name;
  s.color = color;
  s.markers = true;
  for (const QualityScores& q : run.quality) {
    s.x.push_back(static_cast<double>(q.iteration));
    s.y.push_back(q.fd);
  }
  return s;
}

std::string chart(const std::vector<ChartSeries>& lines, const std::string& title,
                  const std::string& y_label, std::optional<double> y_min = std::nullopt,
                  std::optional<double> y_max = std::nullopt) {
  ChartOptions options;
  options.title = title;
  options.x_label = "iteration";
  options.y_label = y_label;
  options.y_min = y_min;
  options.y_max = y_max;
  return "<figure class=\"chart\">" + svg_line_chart(lines, options) + "<figcaption>" + e(title) +
         "</figcaption></figure>\n";
}

std::string png_data(const std::string& bytes, const std::string& alt, const std::string& css) {
  return "<img class=\"" + css + "\" alt=\"" + e(alt) + "\" src=\"data:image/png;base64," +
         base64(bytes) + "\"/>";
}

std::string png_image(const std::string& file, const std::string& alt, const std::string& css) {
  return png_data(read_file(file, {kMostImageFileBytes, false}), alt, css);
}

// 100 images of the newest checkpoint's generator (seed 0; a conditional one's classes in turn),
// or, without a checkpoint, the newest grid.
std::string final_samples(const RunData& run) {
  std::string html;
  const auto checkpoints = RunDirectory::numbered_checkpoints(run.summary.path);
  if (!checkpoints.empty()) {
    try {
      Sampler sampler = Sampler::from_checkpoint(checkpoints.back().second);
      const ImageBatch batch = sampler.generate(kFinalSamples, 0);
      const std::string png = encode_png(tile_grid(batch, GridLayout{10, 1, 2, 96}));
      const std::string at = thousands(checkpoints.back().first);
      return "<figure class=\"final\">" + png_data(png, "100 samples at iteration " + at, "final") +
             "<figcaption>100 samples of the generator at iteration " + at +
             " (its newest checkpoint; seed 0)</figcaption></figure>\n";
    } catch (const Error& error) {
      html += "<p class=\"problem\">" + e(error.what()) + "</p>\n";
    }
  }
  if (run.grids.empty()) return html + "<p class=\"quiet\">No checkpoint and no grid.</p>\n";
  const auto& [iteration, file] = run.grids.back();
  try {
    html += "<figure class=\"final\">" +
            png_image(file, "samples at iteration " + thousands(iteration), "final") +
            "<figcaption>the run's fixed latent batch at iteration " + thousands(iteration) +
            " (no checkpoint to sample from)</figcaption></figure>\n";
  } catch (const Error& error) {
    html += "<p class=\"problem\">" + e(error.what()) + "</p>\n";
  }
  return html;
}

// The grids to show: the newest at or before each asked iteration, or four spread over the run.
std::vector<size_t> chosen_grids(const RunData& run, const std::vector<int64_t>& asked) {
  std::vector<size_t> chosen;
  const auto& grids = run.grids;
  if (grids.empty()) return chosen;
  if (asked.empty()) {
    const size_t n = grids.size();
    for (const size_t k : {n / 8, n * 3 / 8, n * 5 / 8, n - 1}) {
      if (std::find(chosen.begin(), chosen.end(), k) == chosen.end()) chosen.push_back(k);
    }
    return chosen;
  }
  for (const int64_t iteration : asked) {
    std::optional<size_t> best;
    for (size_t k = 0; k < grids.size(); ++k) {
      if (grids[k].first <= iteration) best = k;
    }
    if (best && std::find(chosen.begin(), chosen.end(), *best) == chosen.end()) {
      chosen.push_back(*best);
    }
  }
  return chosen;
}

std::map<std::string, std::string> settings_of(const RunData& run) {
  std::map<std::string, std::string> values;
  if (!run.config) return values;
  for (const SettingInfo& info : setting_infos()) {
    if (!info.describes_run) continue;
    try {
      values[info.key] = get_value(*run.config, info.key);
    } catch (const Error&) {
      values[info.key] = "?";
    }
  }
  return values;
}

std::string fact(const std::string& name, const std::string& value) {
  return "<tr><th>" + e(name) + "</th><td>" + value + "</td></tr>\n";
}

std::string final_fd(const RunData& run) {
  for (auto it = run.quality.rbegin(); it != run.quality.rend(); ++it) {
    if (std::isfinite(it->fd)) {
      std::string text = fixed(it->fd, 2) + " at iteration " + thousands(it->iteration);
      if (it->classes > 0) {
        text += ", " + std::to_string(it->classes_covered) + " of " + std::to_string(it->classes) +
                " classes";
      }
      return text;
    }
  }
  return "not measured";
}

std::string lineage(const RunData& run, const std::vector<RunData>& all) {
  std::string chain;
  std::optional<BranchPoint> parent = run.summary.parent;
  std::set<std::string> seen = {run.summary.path};
  for (int depth = 0; parent && depth < 20 && !seen.count(absolute_path(parent->run)); ++depth) {
    seen.insert(absolute_path(parent->run));
    std::string name = fs::path(parent->run).filename().string();
    std::optional<BranchPoint> next;
    try {
      const RunSummary up = summarize_run(parent->run);
      name = up.name;
      next = up.parent;
    } catch (const Error&) {
      name += " (no longer there)";
    }
    chain += "<li>branched from <b>" + e(name) + "</b> at iteration " +
             thousands(parent->iteration) + " <span class=\"path\">" + e(parent->run) +
             "</span></li>\n";
    parent = next;
  }
  std::string children;
  for (const RunData& other : all) {
    if (other.summary.parent && absolute_path(other.summary.parent->run) == run.summary.path) {
      children += "<li>branch <b>" + e(other.summary.name) + "</b> from iteration " +
                  thousands(other.summary.parent->iteration) + "</li>\n";
    }
  }
  if (chain.empty() && children.empty())
    return "<p>A run of its own: no parent, no branches in this report.</p>\n";
  return "<ul class=\"lineage\">\n" + chain + children + "</ul>\n";
}

std::string run_section(const RunData& run, size_t index, const std::vector<RunData>& all,
                        const ReportOptions& options) {
  const RunSummary& s = run.summary;
  std::string html = "<section class=\"run\" id=\"run-" + std::to_string(index + 1) + "\">\n";
  html += "<h2>" + e(s.name) + "</h2>\n";
  html += "<table class=\"facts\">\n";
  html += fact("Folder", "<span class=\"path\">" + e(s.path) + "</span>");
  html += fact("State", e(s.state));
  html += fact("Iterations", thousands(s.done) + " of " + thousands(s.planned));
  html += fact("Started", e(s.started));
  if (run.config) html += fact("Model", e(architecture_summary(*run.config)));
  html += fact("Data", e(s.data));
  html += fact("Newest quality (FD)", e(final_fd(run)));
  html += "</table>\n";
  for (const std::string& problem : run.problems) {
    html += "<p class=\"problem\">Could not read everything: " + e(problem) + "</p>\n";
  }
  html += "<h3>Lineage</h3>\n" + lineage(run, all);
  html += "<h3>Note</h3>\n";
  html += s.note.empty() ? "<p class=\"quiet\">No note.</p>\n"
                         : "<div class=\"note\">" + markdown_html(s.note) + "</div>\n";

  html += "<h3>Curves</h3>\n";
  const std::vector<double> x = iterations(run.metrics);
  html += chart({series("D loss", kDColor, x, smoothed(run.metrics, &StepStats::d_loss)),
                 series("G loss", kGColor, x, smoothed(run.metrics, &StepStats::g_loss))},
                "Loss (smoothed, 0.95)", "loss");
  html += chart({series("D accuracy", kDColor, x, smoothed(run.metrics, &StepStats::d_acc)),
                 series("G accuracy", kGColor, x, smoothed(run.metrics, &StepStats::g_acc))},
                "Accuracy (smoothed, 0.95)", "accuracy", 0.0, 1.0);
  if (!run.quality.empty()) {
    html += chart({fd_series(run, "FD (lower is better)", "#9467bd")}, "Quality", "FD", 0.0);
  }

  html += "<h3>Grids</h3>\n";
  const std::vector<size_t> chosen = chosen_grids(run, options.grid_iterations);
  if (chosen.empty()) {
    html += "<p class=\"quiet\">The run drew no grid.</p>\n";
  } else {
    html += "<div class=\"grids\">\n";
    for (const size_t k : chosen) {
      const auto& [iteration, file] = run.grids[k];
      try {
        html += "<figure class=\"grid\">" +
                png_image(file, "grid at iteration " + thousands(iteration), "grid") +
                "<figcaption>iteration " + thousands(iteration) + "</figcaption></figure>\n";
      } catch (const Error& error) {
        html += "<p class=\"problem\">" + e(error.what()) + "</p>\n";
      }
    }
    html += "</div>\n";
  }
  html += "<h3>Final samples</h3>\n" + final_samples(run);

  html += "<h3>Health</h3>\n";
  if (run.health.empty()) {
    html += "<p class=\"quiet\">No warnings.</p>\n";
  } else {
    html +=
        "<table class=\"list\"><tr><th>iteration</th><th>warning</th><th>what was "
        "measured</th><th>paused</th></tr>\n";
    for (const HealthWarning& w : run.health) {
      html += "<tr><td>" + thousands(w.iteration) + "</td><td>" + e(to_string(w.rule)) +
              "</td><td>" + e(w.detail) + "</td><td>" + (w.paused ? "yes" : "no") + "</td></tr>\n";
    }
    html += "</table>\n";
  }

  html += "<h3>Timing and machine</h3>\n<table class=\"facts\">\n";
  html += fact("Training time", duration(run.training_s));
  const double rate = std::isfinite(run.training_s) && run.training_s > 0 && !run.metrics.empty()
                          ? static_cast<double>(run.metrics.size()) / run.training_s
                          : NAN;
  html += fact("Iterations per second", fixed(rate, 1) + " overall; a step's median " +
                                            fixed(run.median_step_ms, 1) + " ms");
  if (run.config) {
    const std::string& device = run.config->training.device;
    const std::string threads = run.config->training.threads > 0
                                    ? std::to_string(run.config->training.threads) + " threads"
                                    : std::string("a thread per core");
    html += fact("Device", e(device.empty() ? "automatic" : device) + ", " + e(threads));
  }
  if (!run.trainer.empty()) html += fact("Trained by", e(run.trainer));
  html += "</table>\n";

  html += "<h3>Settings</h3>\n<div class=\"settings\">\n";
  for (const auto& [key, value] : settings_of(run)) {
    html += "<div class=\"setting\"><span class=\"key\">" + e(key) +
            "</span><span class=\"value\">" + e(value) + "</span></div>\n";
  }
  html += "</div>\n</section>\n";
  return html;
}

std::string comparison(const std::vector<RunData>& runs) {
  std::string html = "<section class=\"comparison\">\n<h2>Comparison</h2>\n";
  html +=
      "<table class=\"list\"><tr><th></th><th>run</th><th>state</th><th>iterations</th>"
      "<th>newest FD</th><th>training time</th></tr>\n";
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunData& run = runs[i];
    html += "<tr><td><span class=\"swatch\" style=\"background:" + std::string(color_of(i)) +
            "\"></span></td><td><a href=\"#run-" + std::to_string(i + 1) + "\">" +
            e(run.summary.name) + "</a></td><td>" + e(run.summary.state) + "</td><td>" +
            thousands(run.summary.done) + "</td><td>" + e(final_fd(run)) + "</td><td>" +
            duration(run.training_s) + "</td></tr>\n";
  }
  html += "</table>\n";
  std::vector<ChartSeries> losses;
  std::vector<ChartSeries> accuracies;
  std::vector<ChartSeries> quality;
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunData& run = runs[i];
    const std::vector<double> x = iterations(run.metrics);
    const std::string& name = run.summary.name;
    losses.push_back(
        series(name + ": D", color_of(i), x, smoothed(run.metrics, &StepStats::d_loss)));
    losses.push_back(
        series(name + ": G", color_of(i), x, smoothed(run.metrics, &StepStats::g_loss), true));
    accuracies.push_back(
        series(name + ": D", color_of(i), x, smoothed(run.metrics, &StepStats::d_acc)));
    accuracies.push_back(
        series(name + ": G", color_of(i), x, smoothed(run.metrics, &StepStats::g_acc), true));
    if (!run.quality.empty()) quality.push_back(fd_series(run, name, color_of(i)));
  }
  html += chart(losses, "Loss, overlaid (D solid, G dashed)", "loss");
  html += chart(accuracies, "Accuracy, overlaid (D solid, G dashed)", "accuracy", 0.0, 1.0);
  if (!quality.empty()) html += chart(quality, "Quality, overlaid", "FD", 0.0);

  // The settings that differ.
  std::vector<std::map<std::string, std::string>> settings;
  settings.reserve(runs.size());
  for (const RunData& run : runs) settings.push_back(settings_of(run));
  std::string rows;
  for (const SettingInfo& info : setting_infos()) {
    if (!info.describes_run) continue;
    bool differs = false;
    for (const auto& values : settings) {
      differs = differs || values.count(info.key) != settings.front().count(info.key) ||
                (values.count(info.key) && values.at(info.key) != settings.front().at(info.key));
    }
    if (!differs) continue;
    rows += "<tr><th>" + e(info.key) + "</th>";
    for (const auto& values : settings) {
      rows += "<td>" + e(values.count(info.key) ? values.at(info.key) : "–") + "</td>";
    }
    rows += "</tr>\n";
  }
  html += "<h3>Settings that differ</h3>\n";
  if (rows.empty()) {
    html += "<p class=\"quiet\">None: the runs share every setting.</p>\n";
  } else {
    html += "<table class=\"list\"><tr><th>setting</th>";
    for (const RunData& run : runs) html += "<th>" + e(run.summary.name) + "</th>";
    html += "</tr>\n" + rows + "</table>\n";
  }
  return html + "</section>\n";
}

constexpr const char* kStyle = R"(
body { font-family: sans-serif; color: #222; margin: 2em auto; max-width: 60em; padding: 0 1em;
       line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.4em 0 0.4em; }
.made { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { text-align: left; padding: 0.15em 0.8em 0.15em 0; vertical-align: top; }
table.list th, table.list td { border-bottom: 1px solid #e4e4e4; padding-right: 1.2em; }
.settings { font-size: 0.85em; column-count: 2; column-gap: 2em; }
.setting { display: flex; break-inside: avoid; }
.setting .key { color: #555; flex: none; width: 15em; }
.path { font-family: monospace; font-size: 0.85em; color: #555; word-break: break-all; }
.problem { color: #a00000; }
.quiet { color: #777; }
.note { border-left: 4px solid #9ab; background: #f5f8fa; padding: 0.3em 1em; }
.note pre, .note code { font-family: monospace; }
figure { margin: 0.6em 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85em; color: #555; text-align: center; }
.grids { display: flex; flex-wrap: wrap; gap: 1em; }
.grids figure { margin: 0; }
img.grid { width: 13em; image-rendering: pixelated; display: block; }
img.final { width: 24em; image-rendering: pixelated; display: block; }
.swatch { display: inline-block; width: 1.2em; height: 0.8em; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  section.run { break-before: page; }
  figure, table, .note, .grids { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)";

// **bold**, *italic*, `code` in already escaped text.
std::string inline_markdown(const std::string& escaped) {
  std::string out;
  bool bold = false;
  bool italic = false;
  bool code = false;
  for (size_t i = 0; i < escaped.size(); ++i) {
    const char c = escaped[i];
    if (c == '`') {
      out += code ? "</code>" : "<code>";
      code = !code;
    } else if (!code && c == '*' && i + 1 < escaped.size() && escaped[i + 1] == '*') {
      out += bold ? "</strong>" : "<strong>";
      bold = !bold;
      ++i;
    } else if (!code && c == '*') {
      out += italic ? "</em>" : "<em>";
      italic = !italic;
    } else {
      out += c;
    }
  }
  // Unclosed marks close at the line's end (well-formed HTML whatever was typed).
  if (code) out += "</code>";
  if (italic) out += "</em>";
  if (bold) out += "</strong>";
  return out;
}

}  // namespace

std::string markdown_html(const std::string& markdown) {
  std::string html;
  std::string paragraph;
  bool list = false;
  auto end_paragraph = [&] {
    if (!paragraph.empty()) html += "<p>" + paragraph + "</p>\n";
    paragraph.clear();
  };
  auto end_list = [&] {
    if (list) html += "</ul>\n";
    list = false;
  };
  size_t start = 0;
  while (start <= markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) {
      end_paragraph();
      end_list();
      if (end == markdown.size()) break;
      continue;
    }
    const std::string text = line.substr(first);
    size_t hashes = 0;
    while (hashes < text.size() && hashes < 6 && text[hashes] == '#') ++hashes;
    if (hashes > 0 && hashes < text.size() && text[hashes] == ' ') {
      end_paragraph();
      end_list();
      const std::string level = std::to_string(std::min<size_t>(hashes + 3, 6));
      html += "<h" + level + ">" + inline_markdown(html_escape(text.substr(hashes + 1))) + "</h" +
              level + ">\n";
    } else if (text.size() > 1 && (text[0] == '-' || text[0] == '*') && text[1] == ' ') {
      end_paragraph();
      if (!list) html += "<ul>\n";
      list = true;
      html += "<li>" + inline_markdown(html_escape(text.substr(2))) + "</li>\n";
    } else {
      end_list();
      if (!paragraph.empty()) paragraph += "<br/>\n";
      paragraph += inline_markdown(html_escape(text));
    }
    if (end == markdown.size()) break;
  }
  end_paragraph();
  end_list();
  return html;
}

std::string report_html(const std::vector<std::string>& run_folders, const ReportOptions& options) {
  if (run_folders.empty()) throw Error("a report needs at least one run");
  if (run_folders.size() > kMostReportRuns) {
    throw Error("a report holds at most " + std::to_string(kMostReportRuns) + " runs, not " +
                std::to_string(run_folders.size()));
  }
  std::vector<RunData> runs;
  runs.reserve(run_folders.size());
  for (const std::string& path : run_folders) runs.push_back(read_run(path));
  std::string title = runs.size() == 1
                          ? "GanStudio report: " + runs.front().summary.name
                          : "GanStudio report: " + std::to_string(runs.size()) + " runs compared";
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  html += "<title>" + e(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n";
  html += "</head>\n<body>\n<header>\n<h1>" + e(title) + "</h1>\n";
  const unsigned cores = std::thread::hardware_concurrency();
  html += "<p class=\"made\">Made by GanStudio on " +
          e(options.made_at.empty() ? now_text() : options.made_at) + " on " + e(host_name()) +
          " (" + e(cpu_model()) + ", " + std::to_string(cores) + " threads).</p>\n</header>\n";
  if (runs.size() > 1) html += comparison(runs);
  for (size_t i = 0; i < runs.size(); ++i) html += run_section(runs[i], i, runs, options);
  html += "</body>\n</html>\n";
  return html;
}

std::string export_report(const std::vector<std::string>& run_folders, const ReportOptions& options,
                          const std::string& path) {
  const std::string html = report_html(run_folders, options);
  write_file_atomically(path, html);
  char size[32];
  std::snprintf(size, sizeof size, "%.1f KiB", static_cast<double>(html.size()) / 1024.0);
  return "wrote a report of " + std::to_string(run_folders.size()) +
         (run_folders.size() == 1 ? " run" : " runs") + " (HTML, " + size +
         ", self-contained) to " + path;
}

}  // namespace gs
