#include "model/runs/run_directory.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/io/file_io.h"

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
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
    found.emplace_back(std::stoll(digits), entry.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string metrics_path_of(const std::string& run) {
  return (fs::path(run) / kMetricsFile).string();
}

}  // namespace

RunDirectory::RunDirectory(std::string path, bool resuming) : path_(std::move(path)) {
  make_directories(path_);
  make_directories((fs::path(path_) / "samples").string());
  make_directories((fs::path(path_) / "checkpoints").string());
  const std::string metrics = metrics_path_of(path_);
  std::error_code ec;
  const bool has_metrics = fs::exists(metrics, ec) && fs::file_size(metrics, ec) > 0;
  if (has_metrics && !resuming) {
    throw Error(path_ + ": already holds a run (metrics.csv); resume it or choose another folder");
  }
  open_metrics();
  if (!has_metrics) pending_ = std::string(kMetricsHeader) + "\n";
  last_flush_s_ = now_seconds();
}

void RunDirectory::open_metrics() {
  const std::string path = metrics_path_of(path_);
  metrics_fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (metrics_fd_ < 0) throw Error(system_error_message(path, "cannot open for writing", errno));
}

RunDirectory::~RunDirectory() {
  try {
    flush_metrics();
  } catch (const Error&) {
    // Rows that could not be written now are lost with the folder's owner; callers that care
    // flush before letting go (the CLI and the window do, and report failures).
  }
  if (metrics_fd_ >= 0) ::close(metrics_fd_);
}

void RunDirectory::write_config(const RunConfig& config) const {
  save_config(config, (fs::path(path_) / kConfigFile).string());
}

void RunDirectory::append_metrics(const StepStats& s) {
  char row[256];
  const double now = now_seconds();
  if (session_start_s_ < 0) session_start_s_ = now - s.step_ms / 1000.0;
  std::snprintf(row, sizeof row, "%lld,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.3f,%.4f\n",
                static_cast<long long>(s.iteration), s.d_loss, s.d_acc, s.g_loss, s.g_acc, s.d_real,
                s.d_fake, s.step_ms, now - session_start_s_);
  pending_ += row;
  if (now_seconds() - last_flush_s_ >= 1.0) flush_metrics();
}

void RunDirectory::flush_metrics() {
  last_flush_s_ = now_seconds();
  // Rows leave the buffer only once written: after a failure (a full disk) they wait for the
  // next flush, so nothing is lost when the person makes room and training goes on.
  size_t written = 0;
  while (written < pending_.size()) {
    const ssize_t n = ::write(metrics_fd_, pending_.data() + written, pending_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error_number = errno;
      pending_.erase(0, written);
      throw Error(system_error_message(metrics_path_of(path_), "write failed", error_number));
    }
    written += static_cast<size_t>(n);
  }
  pending_.clear();
}

void RunDirectory::truncate_metrics_after(int64_t iteration) {
  flush_metrics();
  ::close(metrics_fd_);
  metrics_fd_ = -1;
  const std::string path = metrics_path_of(path_);
  std::istringstream in(read_file(path));
  std::string kept;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const bool is_data = std::isdigit(static_cast<unsigned char>(line[0]));
    if (is_data && std::stoll(line) > iteration) continue;
    kept += line + "\n";
  }
  write_file_atomically(path, kept);
  open_metrics();
}

namespace {

std::string changes_path_of(const std::string& run) {
  return (fs::path(run) / kChangesFile).string();
}

}  // namespace

void RunDirectory::append_changes(const std::vector<SettingChange>& changes) const {
  if (changes.empty()) return;
  const std::string path = changes_path_of(path_);
  std::error_code ec;
  const bool fresh = !fs::exists(path, ec);
  std::ofstream out(path, std::ios::app);
  if (fresh) out << "iteration,key,value\n";
  for (const SettingChange& change : changes) {
    out << change.iteration << ',' << change.key << ',' << change.value << '\n';
  }
  out.flush();
  if (!out) throw Error(system_error_message(path, "write failed", errno));
}

void RunDirectory::truncate_changes_after(int64_t iteration) const {
  std::string kept = "iteration,key,value\n";
  for (const SettingChange& change : read_changes(path_)) {
    if (change.iteration <= iteration) {
      kept += std::to_string(change.iteration) + ',' + change.key + ',' + change.value + '\n';
    }
  }
  std::error_code ec;
  if (fs::exists(changes_path_of(path_), ec)) write_file_atomically(changes_path_of(path_), kept);
}

std::vector<SettingChange> read_changes(const std::string& run_path) {
  std::vector<SettingChange> changes;
  const std::string path = changes_path_of(run_path);
  std::error_code ec;
  if (!fs::exists(path, ec)) return changes;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) continue;
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    changes.push_back({std::stoll(line.substr(0, first)),
                       line.substr(first + 1, second - first - 1), line.substr(second + 1)});
  }
  return changes;
}

std::string RunDirectory::sample_path(int64_t iteration) const {
  return numbered((fs::path(path_) / "samples").string(), "iter_", iteration, ".png");
}

std::string RunDirectory::checkpoint_path(int64_t iteration) const {
  return numbered((fs::path(path_) / "checkpoints").string(), "iter_", iteration, ".pt");
}

std::string RunDirectory::write_sample_grid(int64_t iteration, const ImageBatch& batch) const {
  const std::string path = sample_path(iteration);
  write_png(path, tile_grid(batch, GridLayout{kGridColumns, 2, 2, 96}));
  return path;
}

std::string RunDirectory::write_checkpoint(const Trainer& trainer, int keep) const {
  const std::string path = checkpoint_path(trainer.iteration());
  trainer.save_checkpoint(path);
  if (keep > 0) {
    auto existing = numbered_files(fs::path(path_) / "checkpoints", ".pt");
    std::error_code ec;
    for (size_t i = 0; i + static_cast<size_t>(keep) < existing.size(); ++i) {
      fs::remove(existing[i].second, ec);
    }
  }
  return path;
}

std::vector<std::string> RunDirectory::checkpoints(const std::string& run_path) {
  std::vector<std::string> paths;
  for (auto& [iteration, path] : numbered_files(fs::path(run_path) / "checkpoints", ".pt")) {
    paths.push_back(path);
  }
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

std::vector<StepStats> read_metrics(const std::string& csv_path, std::vector<double>* times) {
  std::istringstream in(read_file(csv_path));
  std::vector<StepStats> rows;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) continue;
    StepStats s;
    long long iteration = 0;
    double time_s = 0;
    const int fields =
        std::sscanf(line.c_str(), "%lld,%f,%f,%f,%f,%f,%f,%lf,%lf", &iteration, &s.d_loss, &s.d_acc,
                    &s.g_loss, &s.g_acc, &s.d_real, &s.d_fake, &s.step_ms, &time_s);
    if (fields != 8 && fields != 9) {  // 8: files written before time_s existed
      throw Error(csv_path + ":" + std::to_string(line_number) +
                  ": expected 9 comma-separated numbers (" + kMetricsHeader + ")");
    }
    s.iteration = iteration;
    rows.push_back(s);
    if (times && fields == 9) times->push_back(time_s);
  }
  return rows;
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
