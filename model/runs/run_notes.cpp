#include "model/runs/run_notes.h"

#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_lock.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

// The length of the UTF-8 sequence starting at text[i] (0: not valid UTF-8 there).
size_t utf8_length(const std::string& text, size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  size_t length = 0;
  uint32_t code = 0;
  if (byte < 0x80) return 1;
  if ((byte & 0xE0) == 0xC0) {
    length = 2;
    code = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3;
    code = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4;
    code = byte & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  // No overlong forms, surrogates or code points past U+10FFFF.
  static const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return 0;
  return length;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

void check_note(const std::string& text, const std::string& where) {
  if (text.size() > kMostNoteBytes) {
    throw Error(where + ": a note holds at most " + std::to_string(kMostNoteBytes / 1024) +
                " KiB; this one has " + std::to_string(text.size()) + " bytes");
  }
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f) {
      throw Error(where + ": a note holds text: a control character at byte " + std::to_string(i));
    }
    const size_t length = utf8_length(text, i);
    if (length == 0) {
      throw Error(where + ": a note is UTF-8 text; byte " + std::to_string(i) + " is not");
    }
    i += length;
  }
}

std::string read_run_note(const std::string& run_path) {
  const std::string path = (fs::path(run_path) / kNotesFile).string();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return {};
  // A regular file of a note's size, never through a link (others may have placed it).
  std::string text = read_file(path, {kMostNoteBytes, false});
  check_note(text, path);
  return text;
}

void write_run_note(const std::string& run_path, const std::string& text) {
  const std::string path = (fs::path(run_path) / kNotesFile).string();
  check_note(text, path);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) throw Error(system_error_message(path, "cannot remove the note", ec.value()));
    return;
  }
  write_file_atomically(path, text);
}

NoteDelivery save_run_note(const std::string& run_path, const std::string& text,
                           const std::string& sender, std::string* request_file) {
  check_note(text, (fs::path(run_path) / kNotesFile).string());
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(run_path) / "config.yaml", ec)) {
    throw Error(run_path + ": not a run folder (no config.yaml)");
  }
  try {
    const RunLock lock(run_path);  // nobody trains it: write it here
    write_run_note(run_path, text);
    return NoteDelivery::Written;
  } catch (const Error&) {
    if (RunLock::owner_of(run_path).empty()) throw;  // not the lock: the write failed
  }
  ControlRequest request;
  request.command = ControlCommand::Note;
  request.note = text;
  request.from = control_sender(sender);
  const std::string file = send_control_request(run_path, request);
  if (request_file) *request_file = file;
  return NoteDelivery::SentToTrainer;
}

std::string encode_note_line(const std::string& text) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '%') {
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::string decode_note_line(const std::string& line, const std::string& where) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '%') {
      out += line[i];
      continue;
    }
    const int high = i + 2 < line.size() ? hex_value(line[i + 1]) : -1;
    const int low = i + 2 < line.size() ? hex_value(line[i + 2]) : -1;
    if (high < 0 || low < 0) {
      throw Error(where + ": a note's '%' is followed by two hexadecimal digits");
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

}  // namespace gs
