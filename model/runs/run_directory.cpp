#include "model/runs/run_directory.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <optional>

#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/csv_file.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string numbered(const std::string& folder, const char* prefix, int64_t iteration,
                     const char* suffix) {
  char name[64];
  std::snprintf(name, sizeof name, "%s%07lld%s", prefix, static_cast<long long>(iteration), suffix);
  return (fs::path(folder) / name).string();
}

// Files "iter_NNNNNNN<suffix>" in `folder`, sorted by their number.
std::vector<std::pair<int64_t, std::string>> numbered_files(const fs::path& folder,
                                                            const std::string& suffix) {
  std::vector<std::pair<int64_t, std::string>> found;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return found;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("iter_", 0) != 0 || name.size() <= 5 + suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string digits = name.substr(5, name.size() - 5 - suffix.size());
    // More than 18 digits is no iteration of ours (and would overflow): not one of these files.
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
      continue;
    }
    found.emplace_back(
        parse_whole_number(digits, entry.path().string(), "the iteration in its name"),
        entry.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

namespace {

std::string created(const std::string& path) {
  make_directories(path);
  return path;
}

}  // namespace

RunDirectory::RunDirectory(std::string path, bool resuming)
    : path_(std::move(path)), lock_(created(path_)) {
  remove_stale_temporaries(path_);
  make_directories((fs::path(path_) / "samples").string());
  make_directories((fs::path(path_) / "checkpoints").string());
  const std::string metrics = file(kMetricsFile);
  std::error_code ec;
  const bool has_metrics = fs::exists(metrics, ec) && fs::file_size(metrics, ec) > 0;
  if (has_metrics && !resuming) {
    throw Error(path_ + ": already holds a run (metrics.csv); resume it or choose another folder");
  }
  metrics_ = std::make_unique<RowLog>(metrics, kMetricsHeader);
  last_flush_s_ = now_seconds();
}

RunDirectory::~RunDirectory() {
  try {
    flush();
  } catch (const Error&) {
    // Rows that could not be written now are lost with the folder's owner; callers that care
    // flush before letting go (the CLI and the window do, and report failures).
  }
}

int RunDirectory::remove_stale_temporaries(const std::string& run_path) {
  int removed = 0;
  for (const char* sub : {"", "checkpoints", "samples"}) {
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(run_path) / sub, ec), end; !ec && it != end;
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos &&
          it->is_regular_file(ec)) {
        std::error_code remove_error;
        if (fs::remove(it->path(), remove_error)) ++removed;
      }
    }
  }
  return removed;
}

std::string RunDirectory::file(const char* name) const { return (fs::path(path_) / name).string(); }

RowLog& RunDirectory::log(std::unique_ptr<RowLog>& slot, const char* name, const char* header) {
  if (!slot) slot = std::make_unique<RowLog>(file(name), header);
  return *slot;
}

void RunDirectory::write_config(const RunConfig& config) const {
  save_config(config, file(kConfigFile));
}

void RunDirectory::append_metrics(const StepStats& s) {
  char row[320];
  std::snprintf(row, sizeof row, "%lld,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.3f,%.4f,%.4g",
                static_cast<long long>(s.iteration), s.d_loss, s.d_acc, s.g_loss, s.g_acc, s.d_real,
                s.d_fake, s.d_grad_norm, s.g_grad_norm, s.step_ms, s.time_s, s.augment_p);
  metrics_->append(row);
  if (now_seconds() - last_flush_s_ >= 1.0) flush();
}

void RunDirectory::append_changes(const std::vector<SettingChange>& changes) {
  if (changes.empty()) return;
  RowLog& changes_log = log(changes_, kChangesFile, kChangesHeader);
  for (const SettingChange& change : changes) {
    changes_log.append(std::to_string(change.iteration) + ',' + change.key + ',' + change.value);
  }
  changes_log.flush();
}

namespace {

std::string number(double value) {
  if (std::isnan(value)) return {};
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

void RunDirectory::append_quality(const QualityScores& scores) {
  std::string histogram;
  for (size_t i = 0; i < scores.histogram.size(); ++i)
    histogram += (i ? ";" : "") + number(scores.histogram[i]);
  const bool labelled = scores.labelled();
  log(quality_, kQualityFile, kQualityHeader)
      .append(std::to_string(scores.iteration) + ',' + std::to_string(scores.samples) + ',' +
              number(scores.fd) + ',' + std::to_string(scores.classes) + ',' +
              (labelled ? std::to_string(scores.classes_covered) : std::string()) + ',' +
              number(scores.kl) + ',' + number(scores.confidence) + ',' + number(scores.precision) +
              ',' + number(scores.recall) + ',' + histogram + ',' +
              number(scores.conditional_accuracy) + ',' + number(scores.memorised));
  quality_->flush();
}

void RunDirectory::append_health(const HealthWarning& w) {
  std::string detail = w.detail;
  std::replace(detail.begin(), detail.end(), ',', ';');
  std::replace(detail.begin(), detail.end(), '\n', ' ');
  log(health_, kHealthFile, kHealthHeader)
      .append(std::to_string(w.iteration) + ',' + to_string(w.rule) + ',' + (w.paused ? "1" : "0") +
              ',' + detail);
  health_->flush();
}

void RunDirectory::append_scores(const DiscriminatorScores& scores) {
  const ScoreRow r = score_row(scores);
  std::string row = std::to_string(r.iteration);
  for (const ScoreSummary& s : {r.real, r.fake}) {
    for (const double value : {s.mean, s.p05, s.p25, s.median, s.p75, s.p95}) {
      row += ',' + number(value);
    }
  }
  log(scores_, kScoresFile, kScoresHeader).append(row + ',' + number(r.grid_mean));
  scores_->flush();
}

std::unique_ptr<RowLog>& RunDirectory::slot(const char* name) {
  const std::string_view file_name(name);
  if (file_name == kMetricsFile) return metrics_;
  if (file_name == kChangesFile) return changes_;
  if (file_name == kQualityFile) return quality_;
  if (file_name == kHealthFile) return health_;
  return scores_;
}

void RunDirectory::flush() {
  last_flush_s_ = now_seconds();
  for (const RowFile& row_file : kRowFiles) {
    if (const auto& row_log = slot(row_file.name)) row_log->flush();
  }
}

void RunDirectory::sync() {
  last_flush_s_ = now_seconds();
  for (const RowFile& row_file : kRowFiles) {
    if (const auto& row_log = slot(row_file.name)) row_log->sync();
  }
}

void RunDirectory::truncate_after(int64_t iteration) {
  for (const RowFile& row_file : kRowFiles) {
    std::unique_ptr<RowLog>& row_log = slot(row_file.name);
    std::error_code ec;
    if (row_log || fs::exists(file(row_file.name), ec)) {
      log(row_log, row_file.name, row_file.header).truncate_after(iteration);
    }
  }
}

std::string RunDirectory::sample_file(const std::string& run_path, int64_t iteration) {
  return numbered((fs::path(run_path) / "samples").string(), "iter_", iteration, ".png");
}

std::string RunDirectory::checkpoint_file(const std::string& run_path, int64_t iteration) {
  return numbered((fs::path(run_path) / "checkpoints").string(), "iter_", iteration, ".pt");
}

std::string RunDirectory::sample_path(int64_t iteration) const {
  return sample_file(path_, iteration);
}

std::string RunDirectory::checkpoint_path(int64_t iteration) const {
  return checkpoint_file(path_, iteration);
}

std::string RunDirectory::write_sample_grid(int64_t iteration, const ImageBatch& batch) const {
  std::string path = sample_path(iteration);
  write_png(path, tile_grid(batch, GridLayout{kGridColumns, 2, 2, 96}));
  return path;
}

std::string RunDirectory::write_checkpoint(
    int64_t iteration, const std::function<void(const std::string& path)>& write, int keep,
    int64_t keep_every) const {
  std::string path = checkpoint_path(iteration);
  write(path);
  if (keep > 0) {
    // The newest `keep`, and those at multiples of `keep_every` (marks to rewind to).
    auto existing = numbered_files(fs::path(path_) / "checkpoints", ".pt");
    std::error_code ec;
    for (size_t i = 0; i + static_cast<size_t>(keep) < existing.size(); ++i) {
      if (keep_every > 0 && existing[i].first % keep_every == 0) continue;
      fs::remove(existing[i].second, ec);
    }
  }
  return path;
}

std::vector<std::pair<int64_t, std::string>> RunDirectory::numbered_checkpoints(
    const std::string& run_path) {
  return numbered_files(fs::path(run_path) / "checkpoints", ".pt");
}

std::vector<std::string> RunDirectory::checkpoints(const std::string& run_path) {
  std::vector<std::string> paths;
  for (auto& [iteration, path] : numbered_checkpoints(run_path)) paths.push_back(path);
  return paths;
}

std::string RunDirectory::find_checkpoint(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path;
  if (!fs::is_directory(path, ec)) throw Error(path + ": no such checkpoint file or run folder");
  const auto found = checkpoints(path);
  if (found.empty())
    throw Error(path + ": run folder holds no checkpoints (checkpoints/iter_*.pt)");
  return found.back();
}

std::string RunDirectory::run_folder_of(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return path;
  const fs::path folder = fs::path(path).parent_path();
  return folder.filename() == "checkpoints" ? folder.parent_path().string() : std::string{};
}

std::vector<std::pair<int64_t, std::string>> RunDirectory::sample_grids(
    const std::string& run_path) {
  return numbered_files(fs::path(run_path) / "samples", ".png");
}

std::vector<std::pair<int64_t, std::string>> RunDirectory::time_lapse_grids(
    const std::string& run_path, int step) {
  const auto grids = sample_grids(run_path);
  if (grids.empty()) throw Error(run_path + ": the run holds no sample grids (samples/iter_*.png)");
  const auto every = static_cast<size_t>(std::max(1, step));
  std::vector<std::pair<int64_t, std::string>> chosen;
  for (size_t i = 0; i < grids.size(); i += every) chosen.push_back(grids[i]);
  if (chosen.back() != grids.back()) chosen.push_back(grids.back());  // end on the newest
  return chosen;
}

namespace {

// metrics.csv's rows as statistics; columns by name, so files of older versions read too.
std::vector<StepStats> metrics_rows(const CsvFile& file, std::vector<double>* times) {
  const int iteration = file.require("iteration");
  const int columns[] = {file.require("d_loss"),     file.require("d_acc"),
                         file.require("g_loss"),     file.require("g_acc"),
                         file.column("d_real"),      file.column("d_fake"),
                         file.column("d_grad_norm"), file.column("g_grad_norm")};
  const int step_ms = file.column("step_ms");
  const int time_s = file.column("time_s");  // absent in files written before it existed
  const int augment_p = file.column("augment_p");
  std::vector<StepStats> rows;
  rows.reserve(file.rows().size());
  for (const CsvFile::Row& row : file.rows()) {
    StepStats s;
    s.iteration = file.integer(row, iteration);
    float* values[] = {&s.d_loss, &s.d_acc,  &s.g_loss,      &s.g_acc,
                       &s.d_real, &s.d_fake, &s.d_grad_norm, &s.g_grad_norm};
    for (size_t i = 0; i < std::size(columns); ++i) {
      *values[i] = static_cast<float>(file.real(row, columns[i]));
    }
    s.step_ms = file.real(row, step_ms);
    if (time_s >= 0) s.time_s = file.real(row, time_s);
    if (augment_p >= 0) s.augment_p = static_cast<float>(file.real(row, augment_p));
    rows.push_back(s);
    if (times && time_s >= 0) times->push_back(s.time_s);
  }
  return rows;
}

}  // namespace

std::vector<StepStats> read_metrics(const std::string& csv_path, std::vector<double>* times) {
  return metrics_rows(CsvFile::read(csv_path), times);
}

std::vector<double> training_time(const std::vector<StepStats>& rows,
                                  const std::vector<double>& times) {
  std::vector<double> out;
  out.reserve(rows.size());
  if (times.size() != rows.size()) {
    double sum = 0;
    for (const StepStats& row : rows) out.push_back(sum += row.step_ms / 1000.0);
    return out;
  }
  TrainingClock clock;
  for (const double time_s : times) out.push_back(clock.next(time_s));
  return out;
}

double training_seconds(const std::string& csv_path) {
  std::error_code ec;
  if (!fs::exists(csv_path, ec)) return 0;
  std::vector<double> times;
  const std::vector<StepStats> rows = read_metrics(csv_path, &times);
  const std::vector<double> clock = training_time(rows, times);
  return clock.empty() ? 0 : clock.back();
}

std::vector<StepStats> parse_metrics(std::string_view text, const std::string& name,
                                     std::vector<double>* times) {
  return metrics_rows(CsvFile::parse(text, name), times);
}

std::optional<StepStats> read_last_metrics(const std::string& csv_path) {
  const std::vector<StepStats> rows = metrics_rows(CsvFile::read_last(csv_path), nullptr);
  if (rows.empty()) return std::nullopt;
  return rows.back();
}

namespace {

// A row file of a run folder, or nothing when the run has none.
std::optional<CsvFile> read_if_present(const std::string& run_path, const char* name) {
  const std::string path = (fs::path(run_path) / name).string();
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  return CsvFile::read(path);
}

}  // namespace

std::vector<std::vector<SettingChange>> settings_by_iteration(
    const std::vector<SettingChange>& rows) {
  std::vector<std::vector<SettingChange>> groups;
  for (const SettingChange& row : rows) {
    if (row.key.rfind(kControlKeyPrefix, 0) == 0) continue;
    if (groups.empty() || groups.back().front().iteration != row.iteration) groups.emplace_back();
    groups.back().push_back(row);
  }
  return groups;
}

std::vector<SettingChange> read_changes(const std::string& run_path) {
  std::vector<SettingChange> changes;
  const auto file = read_if_present(run_path, kChangesFile);
  if (!file) return changes;
  const int iteration = file->require("iteration");
  const int key = file->require("key");
  const int value = file->require("value");
  for (const CsvFile::Row& row : file->rows()) {
    changes.push_back(
        {file->integer(row, iteration), file->text(row, key), file->text(row, value)});
  }
  return changes;
}

std::vector<QualityScores> read_quality(const std::string& run_path) {
  std::vector<QualityScores> out;
  const auto file = read_if_present(run_path, kQualityFile);
  if (!file) return out;
  const int iteration = file->require("iteration");
  const int samples = file->column("samples");
  const int fd = file->require("fd");
  const int classes = file->column("classes");
  const int covered = file->column("classes_covered");
  const int kl = file->column("kl");
  const int confidence = file->column("confidence");
  const int precision = file->column("precision");
  const int recall = file->column("recall");
  const int histogram = file->column("histogram");
  const int conditional = file->column("conditional_accuracy");
  const int memorised = file->column("memorised");
  for (const CsvFile::Row& row : file->rows()) {
    QualityScores q;
    q.iteration = file->integer(row, iteration);
    q.samples = static_cast<int>(file->integer(row, samples));
    q.fd = file->real(row, fd, NAN);
    q.classes = static_cast<int>(file->integer(row, classes));
    q.classes_covered = static_cast<int>(file->integer(row, covered));
    q.kl = file->real(row, kl, NAN);
    q.confidence = file->real(row, confidence, NAN);
    q.precision = file->real(row, precision, NAN);
    q.recall = file->real(row, recall, NAN);
    q.conditional_accuracy = file->real(row, conditional, NAN);
    q.memorised = file->real(row, memorised, NAN);
    std::string shares = file->text(row, histogram);
    for (size_t start = 0; !shares.empty() && start <= shares.size();) {
      const size_t end = std::min(shares.find(';', start), shares.size());
      const std::string cell = shares.substr(start, end - start);
      char* stop = nullptr;
      const double share = std::strtod(cell.c_str(), &stop);
      if (cell.empty() || *stop != '\0') {
        throw Error(file->name() + ":" + std::to_string(row.line) +
                    ": histogram must be numbers separated by ';', got '" + shares + "'");
      }
      q.histogram.push_back(share);
      start = end + 1;
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<HealthWarning> read_health(const std::string& run_path) {
  std::vector<HealthWarning> out;
  const auto file = read_if_present(run_path, kHealthFile);
  if (!file) return out;
  const int iteration = file->require("iteration");
  const int rule = file->require("rule");
  const int paused = file->column("paused");
  const int detail = file->column("detail");
  for (const CsvFile::Row& row : file->rows()) {
    HealthWarning w;
    w.iteration = file->integer(row, iteration);
    if (!health_rule_from_string(file->text(row, rule), &w.rule)) {
      throw Error(file->name() + ":" + std::to_string(row.line) + ": unknown rule '" +
                  file->text(row, rule) + "'");
    }
    w.paused = file->integer(row, paused) != 0;
    w.detail = file->text(row, detail);
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<ScoreRow> read_scores(const std::string& run_path) {
  std::vector<ScoreRow> out;
  const auto file = read_if_present(run_path, kScoresFile);
  if (!file) return out;
  const int iteration = file->require("iteration");
  const auto summary = [&](const CsvFile::Row& row, const std::string& side) {
    const auto value = [&](const char* name) {
      return file->real(row, file->column(side + name), NAN);
    };
    ScoreSummary s;
    s.mean = value("_mean");
    s.p05 = value("_p05");
    s.p25 = value("_p25");
    s.median = value("_p50");
    s.p75 = value("_p75");
    s.p95 = value("_p95");
    return s;
  };
  const int grid = file->column("grid_mean");
  for (const CsvFile::Row& row : file->rows()) {
    ScoreRow r;
    r.iteration = file->integer(row, iteration);
    r.real = summary(row, "real");
    r.fake = summary(row, "fake");
    r.grid_mean = file->real(row, grid, NAN);
    out.push_back(r);
  }
  return out;
}

std::string default_run_path(const std::string& parent) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  std::string candidate = (fs::path(parent) / stamp).string();
  std::error_code ec;
  for (int suffix = 2; fs::exists(candidate, ec); ++suffix) {
    candidate = (fs::path(parent) / (std::string(stamp) + "-" + std::to_string(suffix))).string();
  }
  return candidate;
}

}  // namespace gs
