// Waiting for a trainer's answer to a control request (control_channel.h), for the commands that
// send one (control, runs --note), and saying it.
#pragma once

#include <string>

namespace gs::cli {

// Exit statuses (README, "Steering"): 0 applied, 1 no answer or an error, 2 a usage error,
// 3 refused by the trainer.
inline constexpr int kNoAnswer = 1;
inline constexpr int kRefused = 3;

// Waits up to `wait_s` for the answer to the request in `file` sent to `run`, prints it ("RUN:
// WHAT applied: ...", or the refusal or silence on stderr) and returns the exit status.
int await_control_answer(const std::string& run, const std::string& file, const std::string& what,
                         double wait_s);

}  // namespace gs::cli
