#include "model/training/run_steering.h"

#include <map>

#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/io/error.h"
#include "model/runs/run_notes.h"

namespace gs {

namespace {

using namespace std::chrono_literals;
constexpr auto kPollEvery = 50ms;
constexpr auto kStatusEvery = 2s;
constexpr auto kSnapshotsFor = 15s;  // after a watcher's last "snapshot" request
constexpr auto kSnapshotEvery = 3s;

}  // namespace

RunSteering::RunSteering(TrainingRun& run, Say say, RunState initial, Clock clock)
    : run_(run),
      say_(std::move(say)),
      clock_(std::move(clock)),
      channel_(run.path()),
      state_(initial) {
  if (const auto& group = run.trainer().process_group()) {
    channel_.set_processes(group->describe_ranks() + " (" + group->backend() + ")");
  }
  write_status(true);
}

std::chrono::steady_clock::time_point RunSteering::now() const {
  return clock_ ? clock_() : std::chrono::steady_clock::now();
}

void RunSteering::submit(ControlRequest request) { submitted_.push_back(std::move(request)); }

RunSteering::Next RunSteering::next() {
  const TimePoint t = now();
  while (!submitted_.empty()) {
    const ControlRequest request = std::move(submitted_.front());
    submitted_.pop_front();
    apply(request);
  }
  if (paused() || !polled_ || t - last_poll_ >= kPollEvery) {
    polled_ = true;
    last_poll_ = t;
    std::vector<std::string> ignored;
    for (const ControlRequest& request : channel_.poll(&ignored)) {
      channel_.answer(request, apply(request));
    }
    for (const std::string& message : ignored) say_(message);
  }
  if (t < snapshots_until_ && t - last_snapshot_ >= kSnapshotEvery) {
    last_snapshot_ = t;
    try {
      channel_.write_discriminator(run_.trainer().discriminator_weights());
      channel_.write_generator(run_.trainer().generator_weights());
    } catch (const Error& error) {
      say_(std::string("could not write the networks for watchers: ") + error.what());
    }
  }
  write_status(false);
  if (stop_) return Next::Stop;
  if (paused() && steps_ == 0) return Next::Wait;
  if (paused()) --steps_;
  return Next::Train;
}

ControlAnswer RunSteering::apply(const ControlRequest& request) {
  const std::string from = request.from.empty() ? "?" : request.from;
  const std::string by = " by a request from " + from;
  const std::string at = " at iteration " + std::to_string(run_.iteration());
  std::string said;
  switch (request.command) {
    case ControlCommand::Snapshot:
      snapshots_until_ = now() + kSnapshotsFor;
      return {};  // asked every few seconds: not worth a row
    case ControlCommand::Pause:
      set_state(RunState::Paused);
      try {
        run_.flush();  // watchers see every row up to the pause, not a second later
      } catch (const Error& error) {
        say_(std::string("could not write the rows before pausing: ") + error.what());
      }
      run_.record_control(to_string(request.command), request.from);
      said = "paused";
      break;
    case ControlCommand::Resume:
      set_state(RunState::Running);
      steps_ = 0;
      run_.record_control(to_string(request.command), request.from);
      said = "resumed";
      break;
    case ControlCommand::Stop:
      stop_ = true;
      run_.record_control(to_string(request.command), request.from);
      said = "stopping";
      break;
    case ControlCommand::Step:
      if (!paused()) return {true, "running already: nothing to step"};
      if (run_.complete()) {
        const std::string refusal = "the run is complete: raise its length to step on";
        say_(refusal);
        return {false, refusal};
      }
      ++steps_;
      run_.record_control(to_string(request.command), request.from);
      said = "one step";
      break;
    case ControlCommand::Note:
      // A watcher's note on the run: the trainer writes the run folder (run_notes.h).
      try {
        write_run_note(run_.path(), request.note);
      } catch (const Error& error) {
        say_("could not save the note from " + from + ": " + error.what());
        return {false, error.what()};
      }
      run_.record_control(to_string(request.command), request.from);
      said = request.note.empty() ? "note removed" : "note saved";
      say_(said + by);
      return {true, said};
    case ControlCommand::Set:
      // A live setting, as the window's form changes it.
      try {
        const RunConfig wanted = edit_live_settings(run_.config(), {{request.key, request.value}});
        if (run_.change_settings(wanted).empty()) {
          said = request.key + " is already " + request.value;
        } else {
          said = "set " + request.key + " = " + request.value + " (from iteration " +
                 std::to_string(run_.iteration() + 1) + ")";
        }
        say_(said + by);
        return {true, said};
      } catch (const Error& error) {
        run_.record_control(
            "refused", request.key + "=" + request.value + " from " + from + ": " + error.what());
        say_("refused a request from " + from + ": " + error.what());
        return {false, error.what()};
      }
  }
  say_(said + by + at);
  write_status(true);
  return {true, said + at};
}

void RunSteering::hold() {
  steps_ = 0;
  set_state(RunState::Paused);
  write_status(true);
}

void RunSteering::set_state(RunState state) {
  if (state == state_) return;
  state_ = state;
  if (state_changed_) state_changed_(state_);
}

void RunSteering::write_status(bool force) {
  const TimePoint t = now();
  // While paused, each step shows at once; while training, every kStatusEvery.
  const bool stepped = paused() && run_.iteration() != status_iteration_;
  if (!force && !stepped && status_written_ && state_ == status_state_ &&
      t - last_status_ < kStatusEvery) {
    return;
  }
  last_status_ = t;
  status_written_ = true;
  status_state_ = state_;
  status_iteration_ = run_.iteration();
  try {
    channel_.write_status(state_, run_.iteration(), run_.total_iterations());
  } catch (const Error& error) {
    say_(std::string("could not write the status for watchers: ") + error.what());
  }
}

void RunSteering::finish(RunState state) {
  set_state(state);
  try {
    channel_.write_status(state_, run_.iteration(), run_.total_iterations());
  } catch (const Error&) {  // the run's own files are what matter now
  }
}

}  // namespace gs
