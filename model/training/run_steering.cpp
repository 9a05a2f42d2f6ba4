#include "model/training/run_steering.h"

#include <map>

#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/io/error.h"

namespace gs {

namespace {

using namespace std::chrono_literals;
constexpr auto kPollEvery = 50ms;
constexpr auto kStatusEvery = 2s;
constexpr auto kSnapshotsFor = 15s;  // after a watcher's last "snapshot" request
constexpr auto kSnapshotEvery = 3s;

}  // namespace

RunSteering::RunSteering(TrainingRun& run, Say say)
    : run_(run), say_(std::move(say)), channel_(run.path()) {
  write_status(true);
}

RunSteering::Next RunSteering::next() {
  const auto now = Clock::now();
  if (paused_ || now - last_poll_ >= kPollEvery) {
    last_poll_ = now;
    std::vector<std::string> ignored;
    for (const ControlRequest& request : channel_.poll(&ignored)) apply(request);
    for (const std::string& message : ignored) say_(message);
  }
  if (now < snapshots_until_ && now - last_snapshot_ >= kSnapshotEvery) {
    last_snapshot_ = now;
    try {
      channel_.write_generator(run_.trainer().generator_weights());
    } catch (const Error& error) {
      say_(std::string("could not write the generator for watchers: ") + error.what());
    }
  }
  write_status(false);
  if (stop_) return Next::Stop;
  if (paused_ && steps_ == 0) return Next::Wait;
  if (paused_) --steps_;
  return Next::Train;
}

void RunSteering::apply(const ControlRequest& request) {
  const std::string by = " by a request from " + (request.from.empty() ? "?" : request.from);
  const std::string at = " at iteration " + std::to_string(run_.iteration());
  const std::string& command = request.command;
  if (command == "snapshot") {
    snapshots_until_ = Clock::now() + kSnapshotsFor;
    return;  // asked every few seconds: not worth a row
  }
  if (command == "pause" || command == "resume" || command == "stop" || command == "step") {
    if (command == "pause") {
      paused_ = true;
      try {
        run_.flush();  // watchers see every row up to the pause, not a second later
      } catch (const Error& error) {
        say_(std::string("could not write the rows before pausing: ") + error.what());
      }
    }
    if (command == "resume") {
      paused_ = false;
      steps_ = 0;
    }
    if (command == "stop") stop_ = true;
    if (command == "step") {
      if (!paused_) return;  // running already: nothing to do
      ++steps_;
    }
    run_.record_control(command, request.from);
    static const std::map<std::string, std::string> done = {
        {"pause", "paused"}, {"resume", "resumed"}, {"stop", "stopping"}, {"step", "one step"}};
    say_(done.at(command) + by + at);
    write_status(true);
    return;
  }
  // set key=value: a live setting, as the window's form changes it.
  try {
    const LiveSettings live =
        edit_live_settings(run_.live_settings(), default_live_settings(*run_.config().model.preset),
                           {{request.key, request.value}});
    if (run_.change_settings(live).empty()) {
      say_(request.key + " is already " + request.value + by);
    } else {
      say_("set " + request.key + " = " + request.value + by + " (from iteration " +
           std::to_string(run_.iteration() + 1) + ")");
    }
  } catch (const Error& error) {
    run_.record_control("refused", request.key + "=" + request.value + " from " + request.from +
                                       ": " + error.what());
    say_("refused a request from " + (request.from.empty() ? "?" : request.from) + ": " +
         error.what());
  }
}

void RunSteering::write_status(bool force) {
  const auto now = Clock::now();
  const std::string state = paused_ ? "paused" : "running";
  if (!force && state == last_state_ && now - last_status_ < kStatusEvery) return;
  last_status_ = now;
  last_state_ = state;
  try {
    channel_.write_status(state, run_.iteration(), run_.total_iterations());
  } catch (const Error& error) {
    say_(std::string("could not write the status for watchers: ") + error.what());
  }
}

void RunSteering::finish(const std::string& state) {
  last_state_ = state;
  try {
    channel_.write_status(state, run_.iteration(), run_.total_iterations());
  } catch (const Error&) {  // the run's own files are what matter now
  }
}

}  // namespace gs
