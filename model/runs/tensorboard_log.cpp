#include "model/runs/tensorboard_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "model/config/settings.h"
#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/tfevents.h"
#include "model/runs/run_directory.h"

namespace gs {

namespace {

constexpr double kFlushEveryS = 2;
constexpr size_t kMostBuffered = 16u << 20;

double wall_time() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double steady_time() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The configuration as Markdown: TensorBoard's text tab renders a code block as it is.
std::string config_text(const RunConfig& config) { return "```yaml\n" + to_yaml(config) + "```"; }

// A Markdown table of the classes by label (| label | class | ...), with a column of `shares` of
// the samples when given (the quality meter's histogram).
std::string classes_text(const std::vector<std::string>& names, const std::vector<double>& shares) {
  std::string text = shares.empty() ? "| label | class |\n|---:|:---|\n"
                                    : "| label | class | samples |\n|---:|:---|---:|\n";
  for (size_t i = 0; i < names.size(); ++i) {
    // A name is a folder's name: '|' would end its cell.
    std::string name = names[i];
    for (char& c : name) {
      if (c == '|') c = '/';
    }
    text += "| " + std::to_string(i) + " | " + name + " |";
    if (i < shares.size()) {
      char share[32];
      std::snprintf(share, sizeof share, " %.1f%% |", 100 * shares[i]);
      text += share;
    }
    text += "\n";
  }
  return text;
}

}  // namespace

TensorBoardLog::TensorBoardLog(const std::string& run_path, const RunConfig& config,
                               int64_t iteration) {
  const double now = wall_time();
  // A new file each session; another process's file (or a quick restart) never shares a name.
  for (int n = 0;; ++n) {
    path_ = (std::filesystem::path(run_path) / tfevents::file_name(now, n)).string();
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) break;
  }
  add(tfevents::version_event(now));
  add(tfevents::text_event(now, iteration, "configuration", config_text(config)));
  std::vector<std::pair<std::string, tfevents::HParamValue>> hparams;
  for (const std::string& key : config_keys()) {
    const std::string value = get_value(config, key);
    if (!value.empty()) hparams.emplace_back(key, tfevents::HParamValue::from_text(value));
  }
  add(tfevents::hparams_event(
      now, "session_start_info",
      tfevents::session_start_content(hparams, std::filesystem::path(run_path).filename().string(),
                                      now)));
  class_names_ = config.model.class_names;
  if (!class_names_.empty()) {
    add(tfevents::text_event(now, iteration, "classes", classes_text(class_names_, {})));
  }
  try {
    flush();  // the file exists from the start: TensorBoard lists the run at once
  } catch (const Error& error) {
    error_ = error.what();  // kept buffered for the next flush
  }
}

void TensorBoardLog::on_diverged(const StepStats&) {
  end_session(tfevents::SessionStatus::Failure);
}

void TensorBoardLog::end_session(tfevents::SessionStatus status) {
  const double now = wall_time();
  add(tfevents::hparams_event(now, "session_end_info", tfevents::session_end_content(status, now)));
}

TensorBoardLog::~TensorBoardLog() {
  try {
    flush();
  } catch (const Error&) {  // nothing more can be done at the end; the rows are in metrics.csv
  }
}

void TensorBoardLog::add(const std::string& event) {
  if (buffer_.size() > kMostBuffered) {
    buffer_.clear();
    error_ = path_ + ": events dropped after failed writes (" + error_ + ")";
  }
  buffer_ += tfevents::frame(event);
}

void TensorBoardLog::on_iteration(const StepStats& s) {
  // One event a step, the plugin's metadata with the first only: about 300 bytes an iteration.
  add(tfevents::scalars_event(wall_time(), s.iteration,
                              {{"loss/D", s.d_loss},
                               {"loss/G", s.g_loss},
                               {"accuracy/D", s.d_acc},
                               {"accuracy/G", s.g_acc},
                               {"D output/real", s.d_real},
                               {"D output/fake", s.d_fake},
                               {"gradient norm/D", s.d_grad_norm},
                               {"gradient norm/G", s.g_grad_norm},
                               {"time/step_ms", static_cast<float>(s.step_ms)},
                               {"augmentation/p", s.augment_p}},
                              !metrics_described_));
  metrics_described_ = true;
  flush_if_due();
}

void TensorBoardLog::on_grid(int64_t iteration, const ImageBatch& grid) {
  GridLayout layout;  // 1x (242 px): TensorBoard zooms; the run folder's PNGs are larger
  add(tfevents::image_event(wall_time(), iteration, "samples", tile_grid(grid, layout)));
  flush_if_due();
}

void TensorBoardLog::add_grid(int64_t iteration, const Image& grid) {
  add(tfevents::image_event(wall_time(), iteration, "samples", grid));
  flush_if_due();
}

void TensorBoardLog::on_quality(const QualityScores& scores) {
  if (scores.iteration < 0) return;
  const double now = wall_time();
  auto scalar = [&](const char* tag, double value) {
    if (std::isfinite(value))
      add(tfevents::scalar_event(now, scores.iteration, tag, static_cast<float>(value)));
  };
  scalar("quality/FD", scores.fd);
  scalar("quality/memorised", scores.memorised);
  if (scores.labelled()) {
    scalar("quality/classes covered", scores.classes_covered);
    scalar("quality/KL", scores.kl);
    scalar("quality/confidence", scores.confidence);
    scalar("quality/precision", scores.precision);
    scalar("quality/recall", scores.recall);
    scalar("quality/conditional accuracy", scores.conditional_accuracy);
    if (class_names_.size() == scores.histogram.size()) {
      add(tfevents::text_event(now, scores.iteration, "quality/samples per class",
                               classes_text(class_names_, scores.histogram)));
    }
  }
  flush_if_due();
}

void TensorBoardLog::on_scores(const DiscriminatorScores& scores) {
  const double now = wall_time();
  add(tfevents::histogram_event(now, scores.iteration, "D output distribution/real", scores.real));
  add(tfevents::histogram_event(now, scores.iteration, "D output distribution/fake", scores.fake));
  flush_if_due();
}

void TensorBoardLog::on_live_change(const std::vector<SettingChange>& changes) {
  if (changes.empty()) return;
  std::string text = "Changed while training:\n\n";
  for (const SettingChange& c : changes) text += "- `" + c.key + "` = `" + c.value + "`\n";
  add(tfevents::text_event(wall_time(), changes.front().iteration, "changes", text));
  for (const SettingChange& c : changes) {
    char* end = nullptr;
    const double value = std::strtod(c.value.c_str(), &end);
    if (end != c.value.c_str() && *end == '\0') {
      add(tfevents::scalar_event(wall_time(), c.iteration, "settings/" + c.key,
                                 static_cast<float>(value)));
    }
  }
}

void TensorBoardLog::flush_if_due() {
  if (steady_time() - last_flush_s_ < kFlushEveryS) return;
  try {
    flush();
  } catch (const Error& error) {
    error_ = error.what();  // kept: the next flush tries again
  }
}

void TensorBoardLog::flush() {
  last_flush_s_ = steady_time();
  if (buffer_.empty()) return;
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(path_ + ": cannot open (" + errno_text(errno) + ")");
  const off_t before = ::lseek(fd, 0, SEEK_END);
  size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t n = ::write(fd, buffer_.data() + written, buffer_.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = n < 0 ? errno : ENOSPC;
      // Back to whole records: the events stay buffered and go out whole next time.
      if (before >= 0 && ::ftruncate(fd, before) != 0) {
        // TensorBoard reads a partial last record as "truncated": harmless, but repeated events
        // may follow it. Nothing better can be done on a file that cannot be shortened.
      }
      ::close(fd);
      throw Error(path_ + ": write failed (" + errno_text(saved) + ")");
    }
    written += static_cast<size_t>(n);
  }
  ::close(fd);
  buffer_.clear();
  error_.clear();
}

std::string export_tensorboard(const std::string& run_path, const std::string& out_folder) {
  const RunConfig config = load_config((std::filesystem::path(run_path) / kConfigFile).string());
  const std::vector<StepStats> rows =
      read_metrics((std::filesystem::path(run_path) / kMetricsFile).string());
  const std::vector<QualityScores> quality = read_quality(run_path);
  const std::vector<SettingChange> changes = read_changes(run_path);
  const auto grids = RunDirectory::sample_grids(run_path);
  make_directories(out_folder);
  TensorBoardLog log(out_folder, config, 0);
  for (const StepStats& row : rows) log.on_iteration(row);
  for (const QualityScores& scores : quality) log.on_quality(scores);
  for (const std::vector<SettingChange>& together : settings_by_iteration(changes))
    log.on_live_change(together);
  for (const auto& [iteration, file] : grids) log.add_grid(iteration, read_png(file));
  log.flush();
  return log.path();
}

}  // namespace gs
