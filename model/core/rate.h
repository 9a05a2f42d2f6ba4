// Training speed that does not swing with each iteration: an exponential moving average of the
// iterations per second over time (time constant `tau` seconds), fed with (iteration, seconds)
// readings as they come. A reading after a pause (or the first) restarts the interval without
// counting the idle time. Header-only: the window's status line and the CLI's progress line share
// it.
#pragma once

#include <cmath>
#include <cstdint>

namespace gs {

class RateEstimator {
 public:
  explicit RateEstimator(double tau_seconds = 8.0) : tau_(tau_seconds) {}

  // The run is at `iteration` at time `seconds` (any monotonic clock).
  void add(int64_t iteration, double seconds) {
    if (has_last_ && iteration > last_iteration_ && seconds > last_seconds_) {
      const double dt = seconds - last_seconds_;
      const double instant = static_cast<double>(iteration - last_iteration_) / dt;
      // Weight by elapsed time, so that frequent and rare readings smooth alike; the first
      // interval is taken as it is.
      const double keep = rate_ > 0 ? std::exp(-dt / tau_) : 0.0;
      rate_ = keep * rate_ + (1 - keep) * instant;
    }
    if (!has_last_ || iteration != last_iteration_) {
      last_iteration_ = iteration;
      last_seconds_ = seconds;
    }
    has_last_ = true;
  }
  // Forget the interval in progress (after a pause): the next reading starts a new one.
  void interrupt() { has_last_ = false; }
  void reset() {
    has_last_ = false;
    rate_ = 0;
  }

  double iterations_per_second() const { return rate_; }
  // Seconds until `total` at this speed; negative when unknown.
  double seconds_left(int64_t iteration, int64_t total) const {
    return rate_ > 0 && total >= iteration ? static_cast<double>(total - iteration) / rate_ : -1;
  }

 private:
  double tau_;
  double rate_ = 0;
  bool has_last_ = false;
  int64_t last_iteration_ = 0;
  double last_seconds_ = 0;
};

}  // namespace gs
