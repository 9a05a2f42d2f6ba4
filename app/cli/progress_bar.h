// The training progress line on stderr: iteration, bar, it/s, ETA and smoothed losses.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "model/core/smoothing.h"
#include "model/training/trainer.h"

namespace gs::cli {

class ProgressBar {
 public:
  // `first_iteration`: where the run starts (non-zero when resuming); `total`: where it ends.
  ProgressBar(int64_t first_iteration, int64_t total, std::FILE* out = stderr);

  // Records a step; redraws at most 10 times a second on a terminal, every 10 s otherwise.
  void update(const StepStats& stats);
  // Prints a line of its own above the progress line.
  void print_line(const std::string& text);
  // The run's length changed while it trains.
  void set_total(int64_t total) { total_ = total; }
  // Draws the final state and ends the line.
  void finish();

  double iterations_per_second() const;

  // "1:02:03" / "4:05" for a duration in seconds.
  static std::string format_duration(double seconds);
  // The line as drawn (without the carriage return), for tests.
  std::string line() const;

 private:
  void draw(bool final_draw);

  std::FILE* out_;
  bool terminal_;
  int64_t first_;
  int64_t total_;
  int64_t iteration_;
  double start_s_;
  double last_draw_s_ = -1;
  double window_start_s_;
  int64_t window_start_iteration_;
  double rate_ = 0;
  DebiasedEma d_loss_{0.95};
  DebiasedEma g_loss_{0.95};
  DebiasedEma d_acc_{0.95};
  DebiasedEma g_acc_{0.95};
};

}  // namespace gs::cli
