#include "app/cli/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "model/core/number_text.h"

namespace gs::cli {

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr int kBarWidth = 24;
constexpr double kRateWindowS = 2.0;  // it/s is measured over the last ~2 seconds

}  // namespace

ProgressBar::ProgressBar(int64_t first_iteration, int64_t total, std::FILE* out)
    : out_(out),
      terminal_(::isatty(::fileno(out)) != 0),
      first_(first_iteration),
      total_(total),
      iteration_(first_iteration),
      start_s_(now_s()),
      window_start_s_(start_s_),
      window_start_iteration_(first_iteration) {}

std::string ProgressBar::format_duration(double seconds) {
  const std::string text = duration_text(seconds);
  return text.empty() ? "--:--" : text;
}

double ProgressBar::iterations_per_second() const { return rate_; }

void ProgressBar::update(const StepStats& stats) {
  iteration_ = stats.iteration;
  d_loss_.add(stats.d_loss);
  g_loss_.add(stats.g_loss);
  d_acc_.add(stats.d_acc);
  g_acc_.add(stats.g_acc);
  const double now = now_s();
  const double window = now - window_start_s_;
  if (window >= kRateWindowS || rate_ == 0) {
    if (window > 0) rate_ = (iteration_ - window_start_iteration_) / window;
    if (window >= kRateWindowS) {
      window_start_s_ = now;
      window_start_iteration_ = iteration_;
    }
  }
  const double interval = terminal_ ? 0.1 : 10.0;
  if (last_draw_s_ < 0 || now - last_draw_s_ >= interval) {
    draw(false);
    last_draw_s_ = now;
  }
}

std::string ProgressBar::line() const {
  const double fraction = total_ > 0 ? static_cast<double>(iteration_) / total_ : 1.0;
  const int filled = static_cast<int>(std::round(fraction * kBarWidth));
  std::string bar(static_cast<size_t>(std::clamp(filled, 0, kBarWidth)), '#');
  bar.resize(kBarWidth, '.');
  const double eta = rate_ > 0 ? (total_ - iteration_) / rate_ : NAN;
  char speed[32];
  if (rate_ >= 1 || rate_ == 0) {
    std::snprintf(speed, sizeof speed, "%.1f it/s", rate_);
  } else {
    std::snprintf(speed, sizeof speed, "%.2f s/it", 1.0 / rate_);
  }
  char text[256];
  std::snprintf(text, sizeof text,
                "iter %lld/%lld [%s] %5.1f%% | %s | ETA %s | D %.3f (acc %.2f)  G %.3f (acc %.2f)",
                static_cast<long long>(iteration_), static_cast<long long>(total_), bar.c_str(),
                100 * fraction, speed, format_duration(eta).c_str(), d_loss_.value(),
                d_acc_.value(), g_loss_.value(), g_acc_.value());
  return text;
}

void ProgressBar::draw(bool final_draw) {
  if (terminal_) {
    std::fprintf(out_, "\r%s\x1b[K%s", line().c_str(), final_draw ? "\n" : "");
  } else {
    std::fprintf(out_, "%s\n", line().c_str());
  }
  std::fflush(out_);
}

void ProgressBar::print_line(const std::string& text) {
  std::fprintf(out_, terminal_ ? "\r\x1b[K%s\n" : "%s\n", text.c_str());
  if (terminal_ && last_draw_s_ >= 0) draw(false);
  std::fflush(out_);
}

void ProgressBar::finish() {
  const double elapsed = now_s() - start_s_;
  if (elapsed > 0 && iteration_ > first_) rate_ = (iteration_ - first_) / elapsed;
  draw(true);
}

}  // namespace gs::cli
