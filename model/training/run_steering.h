// The trainer's side of steering (control_channel.h) for a driver that runs a TrainingRun in a
// loop (ganstudio-cli train): between iterations it reads the requests, applies them to the run
// (pause, resume, stop, one step while paused, a live setting, generator snapshots for watchers),
// acknowledges each in changes.csv, reports it to the driver in a sentence, and keeps the status
// file current. The driver only asks next() what to do.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "model/runs/control_channel.h"
#include "model/training/training_run.h"

namespace gs {

class RunSteering {
 public:
  enum class Next { Train, Wait, Stop };
  using Say = std::function<void(const std::string& sentence)>;

  // Opens the run's control folder (requests left there are discarded) and writes the status.
  RunSteering(TrainingRun& run, Say say);

  // Between iterations. Reads the requests at most every 50 ms while training (every call while
  // paused) and applies them. Wait: paused, call again in a moment; Stop: a request asked to stop.
  Next next();
  // The state the run ended in, for watchers ("finished", "stopped", "interrupted", ...).
  void finish(const std::string& state);

  bool paused() const { return paused_; }

 private:
  void apply(const ControlRequest& request);
  void write_status(bool force);

  using Clock = std::chrono::steady_clock;
  TrainingRun& run_;
  Say say_;
  ControlChannel channel_;
  bool paused_ = false;
  bool stop_ = false;
  int64_t steps_ = 0;  // single steps asked for while paused
  Clock::time_point last_poll_{};
  Clock::time_point last_status_{};
  Clock::time_point snapshots_until_{};
  Clock::time_point last_snapshot_{};
  std::string last_state_;
};

}  // namespace gs
