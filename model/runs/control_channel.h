// Steering a run that another process trains, through files in its run folder (RUN/control/), so
// that it works the same on this machine and over sshfs or NFS, with no port to open.
//
// - A request is one small file, RUN/control/<milliseconds>-<host>-<pid>-<n>.request, written
//   atomically by whoever asks (the window, `ganstudio-cli control`). Each sender writes files of
//   its own names, so two windows never write the same file; the trainer applies requests in name
//   order (oldest first), deletes each, and acknowledges it in changes.csv ("control.pause",
//   "window on host (pid 12)"), where watchers see it.
// - Requests only reach a trainer that runs: the trainer discards those left in the folder when it
//   starts (they were meant for an earlier session), and one whose expiry (the sender's clock) has
//   passed when it is read is ignored with a message. A closed window's request is never applied
//   hours later.
// - The trainer keeps RUN/control/status current (state, iteration, its clock, every 2 s even
//   while paused): watchers tell a live trainer from a stopped one by it.
// - While a watcher asks (a "snapshot" request every few seconds), the trainer also writes the
//   discriminator's weights to RUN/control/discriminator.pt and then the generator's to
//   RUN/control/generator.pt, each atomically, at most every 3 seconds (D first: a watcher that
//   sees a new G finds a D at least as new beside it, for where D looks).
//
// This is the only way anything but the trainer writes into a run folder.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/runs/run_state.h"

namespace gs {

inline constexpr const char* kControlFolder = "control";
inline constexpr const char* kStatusFile = "control/status";
inline constexpr const char* kGeneratorSnapshotFile = "control/generator.pt";
inline constexpr const char* kDiscriminatorSnapshotFile = "control/discriminator.pt";

struct ControlRequest {
  ControlCommand command = ControlCommand::Pause;
  std::string key;     // set: a live setting's key
  std::string value;   // set: its value as the configuration file writes it
  std::string note;    // note: the run's note (run_notes.h), which the trainer writes
  std::string from;    // who asks, for the messages: "window on host (pid 12)"
  double issued = 0;   // seconds since the epoch, the sender's clock
  double expires = 0;  // likewise; 0: never
  std::string file;    // the file it was read from (set by the reader)
};

// The text of a request file ("command: pause\nfrom: ...\n"), and back. The parser is strict:
// known keys once each, a known command, `key` and `value` exactly for set, `note` exactly for note
// (escaped: run_notes.h), numbers checked, no control characters, at most 4 kB (a note's request,
// which starts with its command: 4 kB more than its escaped note); anything else throws Error
// naming `name` and the line.
std::string format_control_request(const ControlRequest& request);
ControlRequest parse_control_request(std::string_view text, const std::string& name);

// A sender: writes the request into `run_path`'s control folder (which the trainer made) with
// issued = now and expires = now + ttl_s. Throws Error naming the folder when there is no trainer
// folder to write into. Returns the file's path.
std::string send_control_request(const std::string& run_path, ControlRequest request,
                                 double ttl_s = 120);
// The trainer's answer to a request that came as a file, RUN/control/<request's name>.answer,
// written atomically beside it: applied, or refused and why. The sender reads it (and deletes it);
// answers nobody collected go after two minutes. Snapshot requests get none.
struct ControlAnswer {
  bool applied = true;
  std::string
      message;  // what the trainer said ("set ... (from iteration 12)", the refusal's reason)
};
std::string control_answer_path(const std::string& request_file);
void write_control_answer(const std::string& request_file, const ControlAnswer& answer);
// Nothing while the trainer has not answered; Error when the answer is damaged.
std::optional<ControlAnswer> read_control_answer(const std::string& request_file);

// "who: host (pid N)" for ControlRequest::from.
std::string control_sender(const std::string& who);

struct TrainerStatus {
  RunState state = RunState::Running;
  int64_t iteration = 0;
  int64_t total = 0;
  double updated = 0;  // the trainer's clock, seconds since the epoch
  std::string owner;   // host (pid N)
  // A data-parallel run's ranks ("2 processes on host-a (gloo)"); empty for one process.
  std::string processes;
};
// RUN/control/status, written atomically (`updated` and `owner` are filled in: now, this process),
// and read back: nothing when the run has none (a run never steered); Error when damaged.
void write_trainer_status(const std::string& run_path, TrainerStatus status);
std::optional<TrainerStatus> read_trainer_status(const std::string& run_path);

// The trainer's end of the channel.
class ControlChannel {
 public:
  // Makes RUN/control/ and discards the requests left there.
  explicit ControlChannel(std::string run_path);

  // The requests waiting now, oldest first, each deleted once read. Those that cannot be read or
  // have expired are deleted too and described in `ignored` ("ignored … : expired 3 h ago"); an
  // expired one is answered as refused. A request is read only when it is a regular file of at
  // most 4 kB (a note's: 196 kB), never through a symbolic link; a FIFO, a device or a link is
  // deleted unread, a folder named like a request is said once and left alone. Messages never quote
  // a file.
  std::vector<ControlRequest> poll(std::vector<std::string>* ignored);
  // Answers a request that came as a file (nothing for the window's own, or a snapshot).
  void answer(const ControlRequest& request, const ControlAnswer& answer);

  void write_status(RunState state, int64_t iteration, int64_t total);
  // What the status says of a data-parallel run's ranks from now on (TrainerStatus::processes).
  void set_processes(std::string processes) { processes_ = std::move(processes); }
  // The generator's weights for watchers' explorers (Trainer::generator_weights()).
  void write_generator(const std::string& weights);
  // D's, likewise (Trainer::discriminator_weights()), written before G's.
  void write_discriminator(const std::string& weights);

 private:
  std::string run_path_;
  std::string folder_;
  std::set<std::string> reported_;  // folders named like requests, said once
  std::string processes_;
};

}  // namespace gs
