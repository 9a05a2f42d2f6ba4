#include "app/cli/control_answer.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "model/runs/control_channel.h"

namespace gs::cli {

int await_control_answer(const std::string& run, const std::string& file, const std::string& what,
                         double wait_s) {
  // The trainer reads the request between iterations, deletes it and answers beside it.
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_s);
  std::optional<ControlAnswer> answer;
  std::error_code ec;
  while (!(answer = read_control_answer(file)) && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!answer) {
    const bool read = !std::filesystem::exists(file, ec);
    std::fprintf(stderr,
                 read ? "%s: the trainer read the request but gave no answer in %.0f s\n"
                      : "%s: the trainer has not read the request in %.0f s; it is ignored once "
                        "it expires (is the trainer running?)\n",
                 run.c_str(), wait_s);
    return kNoAnswer;
  }
  std::filesystem::remove(control_answer_path(file), ec);
  if (!answer->applied) {
    std::fprintf(stderr, "%s: %s refused by the trainer: %s\n", run.c_str(), what.c_str(),
                 answer->message.c_str());
    return kRefused;
  }
  std::printf("%s: %s applied: %s\n", run.c_str(), what.c_str(), answer->message.c_str());
  return 0;
}

}  // namespace gs::cli
