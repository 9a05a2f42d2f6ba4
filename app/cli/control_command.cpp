// ganstudio-cli control: steer a run that `ganstudio-cli train` is training (here or on another
// machine, through a shared folder): pause, resume, stop, one step, or a live setting.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/cli/command_line.h"
#include "app/cli/control_answer.h"
#include "model/config/keys.h"
#include "model/io/error.h"
#include "model/runs/control_channel.h"

namespace gs::cli {

namespace {

struct ControlOptions {
  std::string run;
  std::string command;
  std::string assignment;  // set: key=value
  double wait_s = 10;
};

int control(const ControlOptions& o) {
  ControlRequest request;
  const std::optional<ControlCommand> command = control_command_from_string(o.command);
  if (!command) throw UsageError("unknown command " + o.command);
  request.command = *command;
  if (request.command == ControlCommand::Set) {
    const size_t equals = o.assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw UsageError(std::string("set needs key=value, e.g. set ") + keys::kLearningRateD +
                       "=0.0001");
    }
    request.key = o.assignment.substr(0, equals);
    request.value = o.assignment.substr(equals + 1);
  } else if (!o.assignment.empty()) {
    throw UsageError(o.command + " takes nothing more (only set takes key=value)");
  }
  request.from = control_sender("ganstudio-cli control");
  const std::string file = send_control_request(o.run, request);
  const std::string what = o.command == "set" ? "set " + o.assignment : o.command;
  return await_control_answer(o.run, file, what, o.wait_s);
}

}  // namespace

Command add_control_command(CLI::App& cli) {
  auto o = std::make_shared<ControlOptions>();
  CLI::App* command = cli.add_subcommand(
      "control",
      "steer a run that ganstudio-cli train is training: pause, resume, stop, step, set");
  command->footer(
      "Writes a request into RUN_DIR/control/ (also over sshfs or NFS: no port is opened) and "
      "waits for the trainer's answer. The trainer applies it between iterations, prints it "
      "and records it in changes.csv. Exit status: 0 applied, 1 no answer (or an error), 2 a "
      "usage error, 3 refused by the trainer (its reason is printed). Examples: control runs/a "
      "pause; control runs/a set " +
      std::string(keys::kLearningRateD) + "=0.0001; control runs/a resume.");
  command->add_option("run", o->run, "the run folder")->required();
  command->add_option("command", o->command, "pause, resume, stop, step or set")
      ->required()
      ->check(CLI::IsMember({"pause", "resume", "stop", "step", "set"}));
  command->add_option("assignment", o->assignment, "set: key=value (a live setting)");
  command->add_option("--wait", o->wait_s, "seconds to wait for the trainer to read it")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  return {command, [o] { return control(*o); }};
}

}  // namespace gs::cli
