// Notes on runs (model/runs/run_notes.h): written whole, read back with their limits, and for a
// run that a trainer holds, carried to the trainer by the control channel and written there.
#include "model/runs/run_notes.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_catalog.h"
#include "model/runs/run_directory.h"
#include "model/runs/runs_csv.h"
#include "model/training/run_steering.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// A finished tiny run: nobody holds it.
std::string finished_run(const TempDir& dir) {
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = 2;
  auto run = TrainingRun::start(config, dir.file("run"));
  while (run->step() == StepResult::Trained) {
  }
  run->finish();
  return dir.file("run");
}

bool message_names(const std::function<void()>& action, const std::string& what) {
  try {
    action();
  } catch (const Error& error) {
    return std::string(error.what()).find(what) != std::string::npos;
  }
  return false;
}

TEST(RunNotes, AreWrittenWholeReadBackListedAndRemoved) {
  TempDir dir;
  const std::string run = finished_run(dir);
  EXPECT_EQ(read_run_note(run), "");
  const std::string note = "# Try 3\n\nlr 4e-4, *sharper* strokes.\tÜmlaut, 数字\r\n";
  EXPECT_EQ(save_run_note(run, note, "test", nullptr), NoteDelivery::Written);
  EXPECT_EQ(read_file(run + "/notes.md"), note);
  EXPECT_EQ(read_run_note(run), note);
  // The catalogue, its JSON and its CSV carry it.
  const RunSummary summary = summarize_run(run);
  EXPECT_EQ(summary.note, note);
  EXPECT_NE(runs_json({summary}).find("\"note\": \"# Try 3\\n\\nlr 4e-4"), std::string::npos);
  EXPECT_NE(runs_csv({summary}).find("\"# Try 3\n\nlr 4e-4, *sharper* strokes."),
            std::string::npos);
  // A second save replaces it; an empty one removes the file.
  save_run_note(run, "shorter", "test", nullptr);
  EXPECT_EQ(read_run_note(run), "shorter");
  save_run_note(run, "  \n", "test", nullptr);
  EXPECT_FALSE(fs::exists(run + "/notes.md"));
  EXPECT_EQ(read_run_note(run), "");
}

TEST(RunNotes, AFailedSaveKeepsTheNoteThatWasThere) {
  TempDir dir;
  const std::string run = finished_run(dir);
  write_run_note(run, "the first note");
  {
    const testing::FileSizeLimit limit(8);  // as a full disk: writes fail midway
    EXPECT_TRUE(
        message_names([&] { write_run_note(run, std::string(100, 'x')); }, run + "/notes.md"));
  }
  EXPECT_EQ(read_run_note(run), "the first note");
  for (const std::string& name : testing::files_in(run)) {
    EXPECT_EQ(name.find(".notes.md.tmp"), std::string::npos);
  }
}

TEST(RunNotes, HostileNotesAreRefusedNamingTheFile) {
  TempDir dir;
  const std::string run = finished_run(dir);
  const std::string file = run + "/notes.md";
  // Too large, control characters, broken UTF-8: refused before anything is written.
  EXPECT_TRUE(message_names([&] { write_run_note(run, std::string(kMostNoteBytes + 1, 'a')); },
                            file + ": a note holds at most 64 KiB"));
  EXPECT_TRUE(message_names([&] { write_run_note(run, "bell\a"); }, "control character"));
  EXPECT_TRUE(message_names([&] { write_run_note(run, "\xC3("); }, "UTF-8"));
  EXPECT_TRUE(message_names([&] { write_run_note(run, "\xED\xA0\x80"); }, "UTF-8"));  // surrogate
  EXPECT_TRUE(message_names([&] { write_run_note(run, "\xC0\xAF"); }, "UTF-8"));      // overlong
  EXPECT_FALSE(fs::exists(file));
  // Placed by someone else: an oversized file, a link, a FIFO are refused by name, unread.
  testing::write_bytes(file, std::string(kMostNoteBytes + 10, 'a'));
  EXPECT_TRUE(message_names([&] { read_run_note(run); }, file));
  EXPECT_NE(summarize_run(run).problem.find(file), std::string::npos);  // listed, with why
  fs::remove(file);
  testing::write_bytes(dir.file("elsewhere"), "secret");
  fs::create_symlink(dir.file("elsewhere"), file);
  EXPECT_TRUE(message_names([&] { read_run_note(run); }, file));
  fs::remove(file);
  ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);
  EXPECT_TRUE(message_names([&] { read_run_note(run); }, file));
  fs::remove(file);
  // Not a run: said so.
  EXPECT_TRUE(message_names([&] { save_run_note(dir.file("nowhere"), "x", "test", nullptr); },
                            "not a run folder"));
}

TEST(RunNotes, ARunATrainerHoldsGetsItsNoteThroughTheTrainer) {
  TempDir dir;
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.outputs.tensorboard = false;
  auto run = TrainingRun::start(config, dir.file("run"));
  std::vector<std::string> said;
  auto now = std::chrono::steady_clock::time_point{};
  RunSteering steering(
      *run, [&](const std::string& s) { said.push_back(s); }, RunState::Running,
      [&] { return now; });
  ASSERT_EQ(steering.next(), RunSteering::Next::Train);
  ASSERT_EQ(run->step(), StepResult::Trained);
  // Lines, a '%' and a percent-escape lookalike survive the request's one line.
  const std::string note = "50% done\nlooks %41 fine\n";
  std::string request;
  EXPECT_EQ(save_run_note(run->path(), note, "window", &request), NoteDelivery::SentToTrainer);
  EXPECT_FALSE(fs::exists(run->path() + "/notes.md"));  // nothing but the trainer writes it
  EXPECT_TRUE(fs::exists(request));
  now += std::chrono::milliseconds(50);  // the steering's next look at the folder
  EXPECT_EQ(steering.next(), RunSteering::Next::Train);
  EXPECT_EQ(read_run_note(run->path()), note);
  const std::optional<ControlAnswer> answer = read_control_answer(request);
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->applied);
  EXPECT_EQ(answer->message, "note saved");
  ASSERT_FALSE(said.empty());
  EXPECT_NE(said.back().find("note saved by a request from window on"), std::string::npos)
      << said.back();
  run->flush();
  EXPECT_NE(read_file(run->path() + "/changes.csv").find(",control.note,window on"),
            std::string::npos);
}

TEST(RunNotes, ANotesRequestRoundTripsAndOthersStaySmall) {
  ControlRequest note;
  note.command = ControlCommand::Note;
  note.note = std::string(kMostNoteBytes - 1, '\n') + "%";  // the worst case for its escaping
  note.from = "window";
  const std::string text = format_control_request(note);
  EXPECT_GT(text.size(), 3 * (kMostNoteBytes - 1));
  EXPECT_EQ(parse_control_request(text, "n.request").note, note.note);
  // A malformed escape, a note on another command, an oversized other command: refused by name.
  EXPECT_TRUE(message_names(
      [] { parse_control_request("command: note\nnote: 100%\n", "a.request"); }, "a.request:2"));
  EXPECT_TRUE(message_names([] { parse_control_request("command: pause\nnote: x\n", "b.request"); },
                            "only note takes a note"));
  EXPECT_TRUE(message_names(
      [] {
        parse_control_request("command: pause\nfrom: " + std::string(5000, 'x') + "\n",
                              "c.request");
      },
      "a request has at most 4096"));
  EXPECT_TRUE(
      message_names([] { parse_control_request("command: note\nnote: %07\n", "d.request"); },
                    "control character"));
  EXPECT_EQ(decode_note_line(encode_note_line("a%b\n\t\x7f"), "x"), "a%b\n\t\x7f");
}

}  // namespace
}  // namespace gs
