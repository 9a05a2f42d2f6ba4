#include "model/runs/run_state.h"

#include <iterator>

namespace gs {

namespace {

constexpr const char* kStates[] = {"running",     "paused",   "finished", "stopped",
                                   "interrupted", "diverged", "failed"};
constexpr const char* kCommands[] = {"pause", "resume", "stop", "step", "set", "snapshot", "note"};

template <typename Enum, size_t N>
std::optional<Enum> find_name(const char* const (&names)[N], std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (text == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(RunState state) { return kStates[static_cast<size_t>(state)]; }

std::optional<RunState> run_state_from_string(std::string_view text) {
  return find_name<RunState>(kStates, text);
}

const char* to_string(ControlCommand command) { return kCommands[static_cast<size_t>(command)]; }

std::optional<ControlCommand> control_command_from_string(std::string_view text) {
  return find_name<ControlCommand>(kCommands, text);
}

}  // namespace gs
