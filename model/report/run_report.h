// A report of one or more runs as one self-contained HTML file (`ganstudio-cli report`, File ->
// Export -> Report): each run's facts, lineage, note, loss, accuracy and quality curves (SVG drawn
// here), its grid at chosen iterations, its final samples (100 images of its newest checkpoint's
// generator), health warnings, timing and machine, and its settings; several runs get a comparison
// first (curves overlaid, the settings that differ). Images are embedded (data: URLs); no script,
// no font or style from elsewhere: the file names no URL. A print stylesheet lays it out on A4
// without cutting a chart or a grid.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gs {

struct ReportOptions {
  // The grids to show, by iteration (each the newest grid at or before it); empty: four evenly
  // spaced over the run.
  std::vector<int64_t> grid_iterations;
  // "2026-12-05 14:02" (empty: now, local time).
  std::string made_at;
};

// Most runs in one report.
inline constexpr size_t kMostReportRuns = 16;

// The report's HTML. Throws Error naming a folder that is not a run; a run's damaged file is said
// in its section instead.
std::string report_html(const std::vector<std::string>& run_folders,
                        const ReportOptions& options = {});

// Writes it atomically; returns a sentence saying what and where.
std::string export_report(const std::vector<std::string>& run_folders, const ReportOptions& options,
                          const std::string& path);

// A note's Markdown as HTML: headings (#), bullet lists (- or *), paragraphs, **bold**, *italic*
// and `code`; everything escaped, no links or raw HTML.
std::string markdown_html(const std::string& markdown);

}  // namespace gs
