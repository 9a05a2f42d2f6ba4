// The one state machine that steers a TrainingRun, for every driver (ganstudio-cli train, the
// window's training worker) and every sender (the driver's own buttons, other processes through
// the control folder, control_channel.h). Between iterations the driver asks next() what to do;
// the steering applies the requests waiting (pause, resume, stop, one step while paused, a live
// setting, generator snapshots for watchers), acknowledges each in changes.csv, tells the driver
// in a sentence, and keeps RUN/control/status current. It reads the control folder at most every
// 50 ms while training and at every call while paused; requests submitted by the driver are
// applied at the next call.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "model/runs/control_channel.h"
#include "model/runs/run_state.h"
#include "model/training/training_run.h"

namespace gs {

class RunSteering {
 public:
  enum class Next { Train, Wait, Stop };
  using Say = std::function<void(const std::string& sentence)>;
  // Steady time; tests inject their own to step through the polling and status intervals.
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // Called at every change of state (the window shows it).
  using StateChanged = std::function<void(RunState state)>;

  // Opens the run's control folder (requests left there are discarded) and writes the status.
  // `initial`: Running, or Paused (nothing trains until a resume or a step).
  RunSteering(TrainingRun& run, Say say, RunState initial = RunState::Running, Clock clock = {});

  void on_state_changed(StateChanged listener) { state_changed_ = std::move(listener); }

  // A request of the driver itself (the window's Pause, Step, Stop, a live edit), applied at the
  // next call of next() and acknowledged like one from the control folder.
  void submit(ControlRequest request);

  // Between iterations: applies the requests waiting. Train: train one iteration; Wait: paused,
  // call again when something may have come; Stop: a request asked to stop.
  Next next();

  // The driver paused the run on its own (a health warning that pauses, a divergence to roll back
  // from): the state becomes Paused.
  void hold();
  // The state the run ended in, for watchers (Finished, Stopped, Interrupted, Diverged, Failed).
  void finish(RunState state);

  RunState state() const { return state_; }
  bool paused() const { return state_ == RunState::Paused; }

 private:
  ControlAnswer apply(const ControlRequest& request);
  void set_state(RunState state);
  void write_status(bool force);
  std::chrono::steady_clock::time_point now() const;

  using TimePoint = std::chrono::steady_clock::time_point;
  TrainingRun& run_;
  Say say_;
  Clock clock_;
  StateChanged state_changed_;
  ControlChannel channel_;
  std::deque<ControlRequest> submitted_;
  RunState state_;
  bool stop_ = false;
  int64_t steps_ = 0;  // single steps asked for while paused
  bool polled_ = false;
  TimePoint last_poll_;
  TimePoint last_status_;
  TimePoint snapshots_until_;
  TimePoint last_snapshot_;
  bool status_written_ = false;
  RunState status_state_ = RunState::Running;
  int64_t status_iteration_ = -1;
};

}  // namespace gs
