// A person's notes on a run: RUN/notes.md, Markdown, written whole and atomically (a kill while
// saving leaves the previous note). Anyone may write it while no process trains the run; while
// one does (its lock is held), the note goes to that trainer as a control request
// (control_channel.h) and the trainer writes it, so that a watched run's folder is written only by
// its trainer. The runs panel, `ganstudio-cli runs --note` and reports read it.
#pragma once

#include <cstddef>
#include <string>

namespace gs {

inline constexpr const char* kNotesFile = "notes.md";
inline constexpr size_t kMostNoteBytes = size_t{64} * 1024;

// Throws Error naming `where` unless `text` is a note: at most kMostNoteBytes of UTF-8 with no
// control characters but tabs and line breaks.
void check_note(const std::string& text, const std::string& where);

// The run's note ("" when it has none). A note file that is too large, not text or not a
// regular file throws Error naming it.
std::string read_run_note(const std::string& run_path);

// Writes the note (atomically), or removes it when `text` is empty or only white space. The
// caller holds the run (no other process trains it) or is its trainer.
void write_run_note(const std::string& run_path, const std::string& text);

// How a note reached its run.
enum class NoteDelivery { Written, SentToTrainer };
// Saves a note from anyone: written at once when no process trains the run, or sent to the
// process that does (its answer comes later: see control_channel.h's read_control_answer on
// `request_file`). `sender` names the sender for the trainer's records ("window", "cli").
NoteDelivery save_run_note(const std::string& run_path, const std::string& text,
                           const std::string& sender, std::string* request_file);

// The note as a request's one line (bytes below 0x20, 0x7f and '%' as %XX), and back; decoding
// throws Error naming `where` on a malformed escape.
std::string encode_note_line(const std::string& text);
std::string decode_note_line(const std::string& line, const std::string& where);

}  // namespace gs
