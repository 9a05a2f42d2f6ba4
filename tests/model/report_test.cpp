// The HTML report (model/report/): self-contained, well-formed, and showing what it promises for
// one run and for several (real tiny runs, their real files).
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <vector>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/html_text.h"
#include "model/report/run_report.h"
#include "model/report/svg_chart.h"
#include "model/runs/run_catalog.h"
#include "model/runs/run_notes.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Reads HTML as an XML parser would (the report writes well-formed HTML: void elements closed
// with "/>", attribute values quoted, entities named): "" when it parses, else the first problem.
std::string parse_problem(const std::string& html) {
  std::vector<std::string> open;
  size_t i = 0;
  const std::string doctype = "<!DOCTYPE html>";
  if (html.compare(0, doctype.size(), doctype) != 0) return "no doctype";
  i = doctype.size();
  auto name_at = [&](size_t& k) {
    std::string name;
    while (k < html.size() && (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '-'))
      name += html[k++];
    return name;
  };
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      size_t k = i + 1;
      while (k < html.size() &&
             (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '#'))
        ++k;
      if (k == i + 1 || k >= html.size() || html[k] != ';')
        return "a bare & at " + std::to_string(i);
      i = k + 1;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (html.compare(i, 2, "</") == 0) {
      size_t k = i + 2;
      const std::string name = name_at(k);
      if (open.empty() || open.back() != name || k >= html.size() || html[k] != '>')
        return "</" + name + "> at " + std::to_string(i) + " closes " +
               (open.empty() ? "nothing" : open.back());
      open.pop_back();
      i = k + 1;
      continue;
    }
    size_t k = i + 1;
    const std::string name = name_at(k);
    if (name.empty()) return "a bare < at " + std::to_string(i);
    // Attributes: name="value" (quoted), until > or />.
    for (;;) {
      while (k < html.size() && std::isspace(static_cast<unsigned char>(html[k]))) ++k;
      if (k >= html.size()) return "<" + name + " never ends";
      if (html[k] == '>' || html.compare(k, 2, "/>") == 0) break;
      const std::string attribute = name_at(k);
      if (attribute.empty() || k >= html.size() || html[k] != '=' || html[k + 1] != '"')
        return "an unquoted attribute in <" + name + "> at " + std::to_string(k);
      const size_t end = html.find('"', k + 2);
      if (end == std::string::npos) return "an attribute never ends";
      if (html.substr(k + 2, end - k - 2).find('<') != std::string::npos)
        return "a < in an attribute of <" + name + ">";
      k = end + 1;
    }
    const bool closed = html[k] == '/';
    i = k + (closed ? 2 : 1);
    static const std::set<std::string> kVoid = {"meta", "img", "br", "hr", "link", "input"};
    if (kVoid.count(name) && !closed) return "<" + name + "> is not closed with />";
    if (closed) continue;
    if (name == "style" || name == "script") {
      const size_t end = html.find("</" + name + ">", i);
      if (end == std::string::npos) return "<" + name + "> never ends";
      i = end;
    }
    open.push_back(name);
  }
  return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string train(const TempDir& dir, const std::string& name, double learning_rate_d) {
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = 12;
  config.training.learning_rate_d = learning_rate_d;
  config.outputs.sample_every = 2;
  const std::string path = dir.file(name);
  auto run = TrainingRun::start(config, path);
  while (run->step() == StepResult::Trained) {
  }
  run->finish();
  return path;
}

TEST(Report, OneRunIsSelfContainedWellFormedAndShowsItsParts) {
  TempDir dir;
  const std::string run = train(dir, "run", 4e-4);
  write_run_note(run, "# Idea\nLower **D's** rate & see.\n- one <b>\n- two `code`\n");
  set_run_name(run, "<script>alert(1)</script>");
  ReportOptions options;
  options.grid_iterations = {4, 9, 12};  // the grids of 4, 8 and 12
  const std::string html = report_html({run}, options);
  EXPECT_EQ(parse_problem(html), "");
  // Self-contained: no URL of any kind, no script, images inline as PNG.
  for (const char* outside : {"http:", "https:", "ftp:", "file:", "<script", "@import", "url("}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
  }
  for (size_t at = html.find("src=\""); at != std::string::npos; at = html.find("src=\"", at + 1))
    EXPECT_EQ(html.compare(at + 5, 22, "data:image/png;base64,"), 0) << html.substr(at, 40);
  for (size_t at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1))
    EXPECT_EQ(html[at + 6], '#') << html.substr(at, 40);
  EXPECT_EQ(count(html, "<img "), 4u);  // three grids and the final samples
  EXPECT_NE(html.find("100 samples of the generator at iteration 12 (its newest checkpoint"),
            std::string::npos);
  EXPECT_EQ(count(html, "src=\"data:image/png;base64,iVBORw0KGgo"), 4u);  // a PNG's signature
  for (const char* caption : {"iteration 4<", "iteration 8<", "iteration 12<"}) {
    EXPECT_NE(html.find(caption), std::string::npos) << caption;
  }
  // Charts drawn here (loss, accuracy), each with its lines; the note as HTML, escaped.
  EXPECT_EQ(count(html, "<svg "), 2u);
  EXPECT_GE(count(html, "<path d=\"M"), 4u);
  EXPECT_NE(html.find("<h4>Idea</h4>"), std::string::npos);
  EXPECT_NE(html.find("Lower <strong>D&#39;s</strong> rate &amp; see."), std::string::npos);
  EXPECT_NE(html.find("<li>one &lt;b&gt;</li>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  // Settings, timing, print layout.
  EXPECT_NE(html.find("training.learning_rate_d"), std::string::npos);
  EXPECT_NE(html.find("Iterations per second"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_EQ(html.find("Comparison"), std::string::npos);  // one run: nothing to compare
}

TEST(Report, SeveralRunsAreComparedAndTheFileIsWrittenWhole) {
  TempDir dir;
  const std::string a = train(dir, "a", 4e-4);
  const std::string b = train(dir, "b", 1e-4);
  const std::string path = dir.file("out/ab.html");
  fs::create_directories(dir.file("out"));
  const std::string said = export_report({a, b}, ReportOptions{}, path);
  EXPECT_NE(said.find("report of 2 runs"), std::string::npos) << said;
  const std::string html = read_file(path);
  EXPECT_EQ(parse_problem(html), "");
  EXPECT_NE(html.find("<h2>Comparison</h2>"), std::string::npos);
  // The overlaid charts (loss, accuracy) and each run's own two.
  EXPECT_EQ(count(html, "<svg "), 2u + 2u * 2u);
  // The settings that differ: the one that does, not the others.
  const size_t differ = html.find("Settings that differ");
  ASSERT_NE(differ, std::string::npos);
  const std::string table = html.substr(differ, html.find("</table>", differ) - differ);
  EXPECT_NE(table.find("training.learning_rate_d</th><td>0.0004</td><td>0.0001</td>"),
            std::string::npos)
      << table;
  EXPECT_EQ(table.find("training.batch_size"), std::string::npos);
  EXPECT_NE(html.find("id=\"run-2\""), std::string::npos);
}

TEST(Report, DamagedFilesAreSaidAndFoldersThatAreNotRunsRefused) {
  TempDir dir;
  const std::string run = train(dir, "run", 4e-4);
  testing::write_bytes(run + "/metrics.csv", "iteration,d_loss\n1,not-a-number\n");
  const std::string html = report_html({run});
  EXPECT_EQ(parse_problem(html), "");
  EXPECT_NE(html.find("Could not read everything: " + run + "/metrics.csv"), std::string::npos);
  try {
    report_html({run, dir.file("nowhere")});
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(dir.file("nowhere")), std::string::npos);
  }
  EXPECT_THROW(report_html({}), Error);
  EXPECT_THROW(report_html(std::vector<std::string>(kMostReportRuns + 1, run)), Error);
  EXPECT_THROW(export_report({run}, ReportOptions{}, dir.file("missing/r.html")), Error);
  EXPECT_FALSE(fs::exists(dir.file("missing")));
}

TEST(Report, ChartsAndTextPiecesAreSafeAndRound) {
  EXPECT_EQ(nice_ticks(0, 3.7, 5), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_EQ(nice_ticks(100, 400, 6), (std::vector<double>{100, 200, 300, 400}));
  EXPECT_EQ(nice_ticks(0, 1, 5), (std::vector<double>{0, 0.5, 1}));
  EXPECT_EQ(base64("Man"), "TWFu");
  EXPECT_EQ(base64("Ma"), "TWE=");
  EXPECT_EQ(base64("M"), "TQ==");
  EXPECT_EQ(html_escape("a<b>&\"'\x01"), "a&lt;b&gt;&amp;&quot;&#39;\xEF\xBF\xBD");
  ChartSeries hostile;
  hostile.name = "</svg><script>";
  hostile.color = "red\" onload=\"x";
  hostile.x = {1, 2, 3};
  hostile.y = {1, NAN, 3};
  const std::string svg = svg_line_chart({hostile}, ChartOptions{});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("\" onload"), std::string::npos);
  // The missing value breaks the line: two pieces, each starting with M.
  const size_t d = svg.find("<path d=\"");
  ASSERT_NE(d, std::string::npos);
  const std::string path = svg.substr(d, svg.find('"', d + 9) - d);
  EXPECT_EQ(count(path, "M"), 2u) << path;
  EXPECT_EQ(markdown_html("**open"), "<p><strong>open</strong></p>\n");
  EXPECT_EQ(markdown_html("a\nb\n\nc"), "<p>a<br/>\nb</p>\n<p>c</p>\n");
}

}  // namespace
}  // namespace gs
