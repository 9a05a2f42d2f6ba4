// The states of a trainer and the commands that steer it: one enum each, with the one spelling
// they have in files (RUN/control/status, request files) and messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gs {

enum class RunState {
  Running,
  Paused,
  Finished,     // all its iterations done
  Stopped,      // a person stopped it (a request, the window's Stop, a time limit)
  Interrupted,  // Ctrl-C or a termination signal
  Diverged,     // its losses are NaN, infinite or exploded
  Failed,       // a training step failed (out of memory, ...)
};

// "running", "paused", "finished", "stopped", "interrupted", "diverged", "failed".
const char* to_string(RunState state);
std::optional<RunState> run_state_from_string(std::string_view text);
// Whether a trainer in this state still owns the run (running or paused).
inline bool is_active(RunState state) {
  return state == RunState::Running || state == RunState::Paused;
}

enum class ControlCommand { Pause, Resume, Stop, Step, Set, Snapshot, Note };

// "pause", "resume", "stop", "step", "set", "snapshot", "note".
const char* to_string(ControlCommand command);
std::optional<ControlCommand> control_command_from_string(std::string_view text);

}  // namespace gs
