// Steering through the run folder: the request files, the trainer's end, the status, and following
// files that another process appends to, replaces or shortens.
#include "model/runs/control_channel.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/file_tail.h"
#include "model/runs/run_directory.h"
#include "model/training/run_steering.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(ControlRequest, RoundTripsAndTheParserNamesWhatIsWrong) {
  ControlRequest r;
  r.command = ControlCommand::Set;
  r.key = "training.learning_rate_d";
  r.value = "0.0001";
  r.from = "window on host (pid 12)";
  r.issued = 1000.5;
  r.expires = 1120.5;
  const ControlRequest back = parse_control_request(format_control_request(r), "a.request");
  EXPECT_EQ(back.command, ControlCommand::Set);
  EXPECT_EQ(back.key, r.key);
  EXPECT_EQ(back.value, r.value);
  EXPECT_EQ(back.from, r.from);
  EXPECT_DOUBLE_EQ(back.issued, 1000.5);
  EXPECT_DOUBLE_EQ(back.expires, 1120.5);
  auto message = [](const std::string& text) {
    try {
      parse_control_request(text, "r.request");
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  // The messages name the file and line, never the content (a request may be a link to a secret).
  EXPECT_EQ(message("command: explode\n"),
            "r.request:1: an unknown command (pause, resume, stop, step, set, snapshot or note are "
            "known)");
  EXPECT_EQ(message("command: pause\ncommand: stop\n"), "r.request:2: a key given twice");
  EXPECT_EQ(message("command: set\nkey: a\n"), "r.request:1: set needs a key and a value");
  EXPECT_EQ(message("command: pause\nkey: a\n"), "r.request:1: only set takes a key and a value");
  EXPECT_EQ(message("from: x\n"), "r.request: no command in the request");
  EXPECT_EQ(message("command: pause\nissued: soon\n"),
            "r.request:2: issued is not a time in seconds");
  EXPECT_EQ(message("command: pause\ncolour: red\n"), "r.request:2: an unknown key in a request");
  EXPECT_EQ(message("command: pause\r\n"), "r.request:1: a control character in a request");
  EXPECT_EQ(message(std::string(5000, 'a')), "r.request: 5000 bytes; a request has at most 4096");
}

TEST(ControlChannel, RequestsArriveInOrderOnceAndStaleOnesAreIgnored) {
  TempDir dir;
  const std::string run = dir.file("run");
  fs::create_directories(run);
  ControlRequest pause;
  pause.command = ControlCommand::Pause;
  EXPECT_THROW(send_control_request(run, pause), Error);  // no trainer: no control folder
  // A request left from before the trainer started is discarded, never applied.
  fs::create_directories(run + "/control");
  send_control_request(run, pause);
  ControlChannel channel(run);
  std::vector<std::string> ignored;
  EXPECT_TRUE(channel.poll(&ignored).empty());
  // Two senders (two windows): each its own file; both arrive, oldest first, each once.
  pause.from = "window A";
  send_control_request(run, pause);
  ControlRequest resume;
  resume.command = ControlCommand::Resume;
  resume.from = "window B";
  send_control_request(run, resume);
  const std::vector<ControlRequest> got = channel.poll(&ignored);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].from, "window A");
  EXPECT_EQ(got[1].from, "window B");
  EXPECT_TRUE(channel.poll(&ignored).empty());
  // An expired request (a window closed long ago) and a damaged one: ignored, with a reason.
  ControlRequest stale = pause;
  stale.issued = 1000;
  stale.expires = 1060;
  const std::string stale_file = run + "/control/0000000000001-h-1-0.request";
  write_file_atomically(stale_file, format_control_request(stale));
  write_file_atomically(run + "/control/0000000000002-h-1-1.request", "command: fly\n");
  EXPECT_TRUE(channel.poll(&ignored).empty());
  ASSERT_EQ(ignored.size(), 2u);
  EXPECT_NE(ignored[0].find("stale request (pause from window A"), std::string::npos);
  EXPECT_NE(ignored[1].find("-h-1-1.request:1: an unknown command"), std::string::npos);
  EXPECT_EQ(ignored[1].find("fly"), std::string::npos);
  // The stale one's sender learns why; the requests themselves are gone.
  const std::optional<ControlAnswer> answer = read_control_answer(stale_file);
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->applied);
  EXPECT_NE(answer->message.find("expired"), std::string::npos);
  fs::remove(control_answer_path(stale_file));
  EXPECT_TRUE(fs::is_empty(run + "/control"));
}

// Whatever another party places in control/: a link to a secret or to /dev/zero, a FIFO, a huge
// file, a folder. Each is refused by name, unread, without blocking; the links' targets stay.
TEST(ControlChannel, SpecialFilesAreRefusedUnreadAndNeverQuoted) {
  TempDir dir;
  const std::string run = dir.file("run");
  ControlChannel channel(run);
  const std::string secret = dir.file("secret");
  write_file_atomically(secret, "command: pause\nfrom: root:$6$hash-of-a-secret\n");
  fs::create_symlink(secret, run + "/control/a-link.request");
  fs::create_symlink("/dev/zero", run + "/control/b-zero.request");
  ASSERT_EQ(::mkfifo((run + "/control/c-fifo.request").c_str(), 0600), 0);
  write_file_atomically(run + "/control/d-big.request", std::string(1 << 20, 'a'));
  fs::create_directories(run + "/control/e-folder.request/inside");
  std::vector<std::string> ignored;
  EXPECT_TRUE(channel.poll(&ignored).empty());
  ASSERT_EQ(ignored.size(), 5u);
  EXPECT_NE(ignored[0].find("a-link.request: is a symbolic link; refused"), std::string::npos);
  EXPECT_NE(ignored[1].find("b-zero.request: is a symbolic link; refused"), std::string::npos);
  EXPECT_NE(ignored[2].find("c-fifo.request: is a FIFO, not a regular file"), std::string::npos);
  // (at most a note's request: 4 kB and three times the largest note)
  EXPECT_NE(ignored[3].find("d-big.request: is 1048576 bytes; at most 200704"), std::string::npos)
      << ignored[3];
  EXPECT_NE(ignored[4].find("e-folder.request: is a folder"), std::string::npos);
  for (const std::string& message : ignored) EXPECT_EQ(message.find("hash"), std::string::npos);
  EXPECT_TRUE(fs::exists(secret));
  EXPECT_TRUE(fs::exists("/dev/zero"));
  // The folder is said once, not at every poll; the rest are gone.
  ignored.clear();
  EXPECT_TRUE(channel.poll(&ignored).empty());
  EXPECT_TRUE(ignored.empty());
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(run + "/control"))
    left.push_back(entry.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"e-folder.request"});
  // A watcher reading a status file that is a FIFO is refused at once too.
  ASSERT_EQ(::mkfifo((run + "/control/status").c_str(), 0600), 0);
  EXPECT_THROW(read_trainer_status(run), Error);
}

// A steady clock that only the test moves.
struct ManualClock {
  std::chrono::steady_clock::time_point now{};
  void advance(std::chrono::milliseconds by) { now += by; }
  RunSteering::Clock function() {
    return [this] { return now; };
  }
};

TEST(RunSteering, PausesStepsSetsResumesAndStopsARunAndAcknowledgesEach) {
  TempDir dir;
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.outputs.tensorboard = false;
  auto run = TrainingRun::start(config, dir.file("run"));
  std::vector<std::string> said;
  std::vector<RunState> states;
  ManualClock clock;
  RunSteering steering(
      *run, [&](const std::string& s) { said.push_back(s); }, RunState::Running, clock.function());
  steering.on_state_changed([&](RunState state) { states.push_back(state); });
  EXPECT_EQ(read_trainer_status(run->path())->state, RunState::Running);
  auto send = [&](ControlCommand command, const std::string& key = "",
                  const std::string& value = "") {
    ControlRequest r;
    r.command = command;
    r.key = key;
    r.value = value;
    r.from = "test";
    return send_control_request(run->path(), r);
  };
  auto next = [&] {
    clock.advance(std::chrono::milliseconds(60));  // past the polling interval
    return steering.next();
  };
  ASSERT_EQ(next(), RunSteering::Next::Train);
  ASSERT_EQ(run->step(), StepResult::Trained);
  send(ControlCommand::Pause);
  EXPECT_EQ(next(), RunSteering::Next::Wait);
  EXPECT_EQ(read_trainer_status(run->path())->state, RunState::Paused);
  send(ControlCommand::Step);
  EXPECT_EQ(next(), RunSteering::Next::Train);  // one step
  ASSERT_EQ(run->step(), StepResult::Trained);
  EXPECT_EQ(next(), RunSteering::Next::Wait);
  const std::string set_file = send(ControlCommand::Set, "training.learning_rate_g", "0.0005");
  // Not live: refused, the run goes on as it was, and the sender is told why.
  const std::string refused_file = send(ControlCommand::Set, "model.noise_dim", "3");
  EXPECT_EQ(next(), RunSteering::Next::Wait);
  EXPECT_DOUBLE_EQ(*run->config().training.learning_rate_g, 0.0005);
  const std::optional<ControlAnswer> applied = read_control_answer(set_file);
  ASSERT_TRUE(applied);
  EXPECT_TRUE(applied->applied);
  EXPECT_EQ(applied->message, "set training.learning_rate_g = 0.0005 (from iteration 3)");
  const std::optional<ControlAnswer> refused = read_control_answer(refused_file);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->applied);
  EXPECT_NE(refused->message.find("model.noise_dim"), std::string::npos);
  send(ControlCommand::Resume);
  EXPECT_EQ(next(), RunSteering::Next::Train);
  send(ControlCommand::Stop);
  EXPECT_EQ(next(), RunSteering::Next::Stop);
  steering.finish(RunState::Stopped);
  EXPECT_EQ(read_trainer_status(run->path())->state, RunState::Stopped);
  EXPECT_EQ(read_trainer_status(run->path())->iteration, 2);
  std::vector<std::string> keys;
  for (const SettingChange& c : read_changes(run->path())) keys.push_back(c.key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"control.pause", "control.step", "training.learning_rate_g",
                                      "control.refused", "control.resume", "control.stop"}));
  ASSERT_GE(said.size(), 6u);
  EXPECT_EQ(said[0], "paused by a request from test at iteration 1");
  EXPECT_NE(said[3].find("refused a request from test: model.noise_dim"), std::string::npos);
  EXPECT_EQ(states,
            (std::vector<RunState>{RunState::Paused, RunState::Running, RunState::Stopped}));
}

TEST(RunSteering, ReadsTheFolderEvery50MsWhileTrainingAndTheDriversOwnRequestsAtOnce) {
  TempDir dir;
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.outputs.tensorboard = false;
  auto run = TrainingRun::start(config, dir.file("run"));
  ManualClock clock;
  RunSteering steering(
      *run, [](const std::string&) {}, RunState::Running, clock.function());
  EXPECT_EQ(steering.next(), RunSteering::Next::Train);  // the first call reads the folder
  ControlRequest pause;
  pause.command = ControlCommand::Pause;
  pause.from = "another window";
  send_control_request(run->path(), pause);
  clock.advance(std::chrono::milliseconds(49));
  EXPECT_EQ(steering.next(), RunSteering::Next::Train);  // not read yet
  clock.advance(std::chrono::milliseconds(1));
  EXPECT_EQ(steering.next(), RunSteering::Next::Wait);  // read and applied
  // The driver's own requests (the window's buttons) need no polling.
  ControlRequest resume;
  resume.command = ControlCommand::Resume;
  resume.from = "this window";
  steering.submit(resume);
  EXPECT_EQ(steering.next(), RunSteering::Next::Train);
  // The status is rewritten every 2 s while the state holds, and at once when it changes.
  const double written = read_trainer_status(run->path())->updated;
  clock.advance(std::chrono::milliseconds(1999));
  steering.next();
  EXPECT_EQ(read_trainer_status(run->path())->updated, written);
  clock.advance(std::chrono::milliseconds(1));
  ASSERT_EQ(run->step(), StepResult::Trained);
  steering.next();
  EXPECT_EQ(read_trainer_status(run->path())->iteration, 1);
}

TEST(RunSteering, AStartPausedRunTrainsOnlyWhatItIsAskedFor) {
  TempDir dir;
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.outputs.tensorboard = false;
  config.training.iterations = 1;
  auto run = TrainingRun::start(config, dir.file("run"));
  std::vector<std::string> said;
  RunSteering steering(
      *run, [&](const std::string& s) { said.push_back(s); }, RunState::Paused);
  EXPECT_EQ(read_trainer_status(run->path())->state, RunState::Paused);
  EXPECT_EQ(steering.next(), RunSteering::Next::Wait);
  ControlRequest step;
  step.command = ControlCommand::Step;
  steering.submit(step);
  EXPECT_EQ(steering.next(), RunSteering::Next::Train);
  ASSERT_EQ(run->step(), StepResult::Trained);
  // The run is complete: a further step is not taken, and says why.
  steering.submit(step);
  EXPECT_EQ(steering.next(), RunSteering::Next::Wait);
  EXPECT_EQ(said.back(), "the run is complete: raise its length to step on");
  EXPECT_TRUE(read_changes(run->path()).size() == 1u);  // one acknowledged step
}

TEST(FileTail, FollowsAppendsHalfLinesReplacementsAndShortening) {
  TempDir dir;
  const std::string path = dir.file("metrics.csv");
  FileTail tail(path);
  EXPECT_FALSE(tail.poll().exists);
  testing::write_bytes(path, "header\n1,a\n2,b");  // the last line is being written
  FileTail::Lines got = tail.poll();
  EXPECT_TRUE(got.exists);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"header", "1,a"}));
  {
    std::FILE* f = std::fopen(path.c_str(), "ab");
    std::fputs("2\n3,c\n", f);
    std::fclose(f);
  }
  got = tail.poll();
  EXPECT_FALSE(got.restarted);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"2,b2", "3,c"}));
  EXPECT_TRUE(tail.poll().lines.empty());
  // NUL bytes at the end (NFS): not data yet.
  {
    std::FILE* f = std::fopen(path.c_str(), "ab");
    std::fwrite("4,d\n\0\0\0\0", 1, 8, f);
    std::fclose(f);
  }
  EXPECT_EQ(tail.poll().lines, (std::vector<std::string>{"4,d"}));
  // Replaced by a sync tool (a new file renamed over it), even one of the same size.
  write_file_atomically(path, "header\n1,x\n");
  got = tail.poll();
  EXPECT_TRUE(got.restarted);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"header", "1,x"}));
  // Shortened in place.
  fs::resize_file(path, 7);
  got = tail.poll();
  EXPECT_TRUE(got.restarted);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"header"}));
}

}  // namespace
}  // namespace gs
