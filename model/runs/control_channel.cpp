#include "model/runs/control_channel.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/host.h"
#include "model/runs/csv_file.h"
#include "model/runs/run_notes.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMostBytes = 4096;
// A note's request carries the note (run_notes.h), escaped: up to three bytes for one.
constexpr size_t kMostRequestBytes = kMostBytes + 3 * kMostNoteBytes;
constexpr const char* kSuffix = ".request";
constexpr const char* kAnswerSuffix = ".answer";
constexpr auto kAnswersKept = std::chrono::minutes(2);  // then nobody waits for them any more

// Control files are placed by other parties: regular files only, no symbolic link followed, at
// most kMostBytes read.
constexpr ReadLimits kControlFileLimits{kMostBytes, false};
constexpr ReadLimits kRequestFileLimits{kMostRequestBytes, false};

double now_s() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double parse_seconds(const std::string& text, const std::string& where, const std::string& what) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value) || value < 0) {
    throw Error(where + ": " + what + " is not a time in seconds");
  }
  return value;
}

// "key: value" lines: each key once, no control characters.
std::map<std::string, std::string> key_values(std::string_view text, const std::string& name,
                                              std::map<std::string, int>* lines,
                                              size_t most_bytes = kMostBytes) {
  if (text.size() > most_bytes) {
    throw Error(name + ": " + std::to_string(text.size()) + " bytes; a request has at most " +
                std::to_string(most_bytes));
  }
  std::map<std::string, std::string> values;
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line(text.substr(start, end - start));
    start = end + 1;
    ++line_number;
    const std::string where = name + ":" + std::to_string(line_number);
    for (const char c : line) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        throw Error(where + ": a control character in a request");
      }
    }
    if (line.empty()) continue;
    const size_t colon = line.find(": ");
    if (colon == std::string::npos || colon == 0) throw Error(where + ": expected 'key: value'");
    const std::string key = line.substr(0, colon);
    if (values.count(key)) throw Error(where + ": a key given twice");
    values[key] = line.substr(colon + 2);
    (*lines)[key] = line_number;
  }
  return values;
}

}  // namespace

std::string format_control_request(const ControlRequest& r) {
  std::string text = std::string("command: ") + to_string(r.command) + "\n";
  if (!r.key.empty()) text += "key: " + r.key + "\n";
  if (r.command == ControlCommand::Set) text += "value: " + r.value + "\n";
  if (r.command == ControlCommand::Note) text += "note: " + encode_note_line(r.note) + "\n";
  if (!r.from.empty()) text += "from: " + r.from + "\n";
  char times[96];
  std::snprintf(times, sizeof times, "issued: %.3f\nexpires: %.3f\n", r.issued, r.expires);
  return text + times;
}

ControlRequest parse_control_request(std::string_view text, const std::string& name) {
  std::map<std::string, int> lines;
  // Only a note's request may be longer than kMostBytes: others are refused before parsing.
  const bool long_allowed = text.substr(0, 14) == "command: note\n";
  std::map<std::string, std::string> values =
      key_values(text, name, &lines, long_allowed ? kMostRequestBytes : kMostBytes);
  auto where = [&](const std::string& key) {
    return name + (lines.count(key) ? ":" + std::to_string(lines[key]) : std::string());
  };
  for (const auto& entry : values) {
    static const char* const known[] = {"command", "key",    "value",  "note",
                                        "from",    "issued", "expires"};
    const std::string& key = entry.first;
    if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return key == k; }) ==
        std::end(known)) {
      throw Error(where(key) + ": an unknown key in a request");
    }
  }
  ControlRequest r;
  if (!values.count("command")) throw Error(name + ": no command in the request");
  const std::optional<ControlCommand> command = control_command_from_string(values["command"]);
  if (!command) {
    throw Error(
        where("command") +
        ": an unknown command (pause, resume, stop, step, set, snapshot or note are known)");
  }
  r.command = *command;
  const bool note = r.command == ControlCommand::Note;
  if (note != (values.count("note") == 1)) {
    throw Error(where("command") + (note ? ": note needs the note" : ": only note takes a note"));
  }
  if (note) {
    r.note = decode_note_line(values["note"], where("note"));
    check_note(r.note, where("note"));
  }
  const bool set = r.command == ControlCommand::Set;
  if (set != (values.count("key") == 1) || set != (values.count("value") == 1)) {
    throw Error(where("command") +
                (set ? ": set needs a key and a value" : ": only set takes a key and a value"));
  }
  r.key = values["key"];
  r.value = values["value"];
  if (set && r.key.empty()) throw Error(where("key") + ": an empty key");
  r.from = values["from"];
  if (values.count("issued")) r.issued = parse_seconds(values["issued"], where("issued"), "issued");
  if (values.count("expires")) {
    r.expires = parse_seconds(values["expires"], where("expires"), "expires");
  }
  r.file = name;
  return r;
}

std::string control_sender(const std::string& who) {
  return who + " on " + host_name() + " (pid " + std::to_string(getpid()) + ")";
}

std::string send_control_request(const std::string& run_path, ControlRequest request,
                                 double ttl_s) {
  const fs::path folder = fs::path(run_path) / kControlFolder;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw Error(run_path + ": no trainer is listening (no " + kControlFolder +
                "/ folder: start it with ganstudio-cli train)");
  }
  request.issued = now_s();
  request.expires = ttl_s > 0 ? request.issued + ttl_s : 0;
  static std::atomic<int> sequence{0};
  char name[160];
  std::snprintf(name, sizeof name, "%013" PRId64 "-%s-%d-%06d%s",
                static_cast<int64_t>(request.issued * 1000), host_name().c_str(),
                static_cast<int>(getpid()), sequence++, kSuffix);
  std::string path = (folder / name).string();
  write_file_atomically(path, format_control_request(request));
  return path;
}

std::string control_answer_path(const std::string& request_file) {
  fs::path path(request_file);
  path.replace_extension(kAnswerSuffix);
  return path.string();
}

void write_control_answer(const std::string& request_file, const ControlAnswer& answer) {
  std::string message = answer.message;
  for (char& c : message) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  if (message.size() > kMostBytes / 2) message.resize(kMostBytes / 2);
  write_file_atomically(control_answer_path(request_file),
                        std::string("result: ") + (answer.applied ? "applied" : "refused") +
                            "\nmessage: " + message + "\n");
}

std::optional<ControlAnswer> read_control_answer(const std::string& request_file) {
  const std::string path = control_answer_path(request_file);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
  std::map<std::string, int> lines;
  std::map<std::string, std::string> values =
      key_values(read_file(path, kControlFileLimits), path, &lines);
  ControlAnswer answer;
  if (values["result"] != "applied" && values["result"] != "refused") {
    throw Error(path + ": no result");
  }
  answer.applied = values["result"] == "applied";
  answer.message = values["message"];
  return answer;
}

void write_trainer_status(const std::string& run_path, TrainerStatus status) {
  status.updated = now_s();
  status.owner = host_name() + " (pid " + std::to_string(getpid()) + ")";
  char text[512];
  std::snprintf(text, sizeof text,
                "state: %s\niteration: %" PRId64 "\ntotal: %" PRId64 "\nupdated: %.3f\nowner: %s\n",
                to_string(status.state), status.iteration, status.total, status.updated,
                status.owner.c_str());
  std::string contents = text;
  if (!status.processes.empty()) contents += "processes: " + status.processes + "\n";
  write_file_atomically((fs::path(run_path) / kStatusFile).string(), contents);
}

std::optional<TrainerStatus> read_trainer_status(const std::string& run_path) {
  const std::string path = (fs::path(run_path) / kStatusFile).string();
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  std::map<std::string, int> lines;
  std::map<std::string, std::string> values =
      key_values(read_file(path, kControlFileLimits), path, &lines);
  TrainerStatus status;
  if (values["state"].empty()) throw Error(path + ": no state");
  const std::optional<RunState> state = run_state_from_string(values["state"]);
  if (!state) throw Error(path + ": an unknown state");
  status.state = *state;
  status.owner = values["owner"];
  status.processes = values["processes"];
  status.iteration = parse_whole_number(values["iteration"], path, "iteration");
  status.total = parse_whole_number(values["total"], path, "total");
  status.updated = parse_seconds(values["updated"], path, "updated");
  return status;
}

ControlChannel::ControlChannel(std::string run_path)
    : run_path_(std::move(run_path)), folder_((fs::path(run_path_) / kControlFolder).string()) {
  make_directories(folder_);
  std::error_code ec;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if ((path.extension() == kSuffix || path.extension() == kAnswerSuffix) &&
        !it->is_directory(ec)) {
      fs::remove(path, ec);
    }
  }
}

std::vector<ControlRequest> ControlChannel::poll(std::vector<std::string>* ignored) {
  std::vector<std::string> files;
  std::vector<std::string> old_answers;
  const auto answers_before = fs::file_time_type::clock::now() - kAnswersKept;
  std::error_code ec;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name[0] == '.') continue;
    if (it->path().extension() == kSuffix) files.push_back(it->path().string());
    std::error_code time_error;
    if (it->path().extension() == kAnswerSuffix &&
        it->symlink_status(time_error).type() == fs::file_type::regular &&
        it->last_write_time(time_error) < answers_before && !time_error) {
      old_answers.push_back(it->path().string());
    }
  }
  for (const std::string& answer : old_answers) fs::remove(answer, ec);
  std::sort(files.begin(), files.end());
  std::vector<ControlRequest> requests;
  const double now = now_s();
  for (const std::string& file : files) {
    // A folder cannot be deleted as a request is: said once, then passed over.
    if (fs::is_directory(fs::symlink_status(file, ec))) {
      if (reported_.insert(file).second && ignored) {
        ignored->push_back("ignored " + file + ": is a folder, not a request file");
      }
      continue;
    }
    try {
      ControlRequest request = parse_control_request(read_file(file, kRequestFileLimits), file);
      if (request.expires > 0 && now > request.expires) {
        char age[64];
        std::snprintf(age, sizeof age, "%.0f s", now - request.issued);
        if (ignored)
          ignored->push_back(std::string("ignored a stale request (") + to_string(request.command) +
                             " from " + request.from + ", issued " + age + " ago)");
        answer(request, {false, std::string("expired: issued ") + age + " ago"});
      } else {
        requests.push_back(std::move(request));
      }
    } catch (const Error& error) {
      // The message names the file and the fault, never the content.
      if (ignored) ignored->push_back(std::string("ignored a request: ") + error.what());
    }
    fs::remove(file, ec);  // a symbolic link, a FIFO: the entry goes, never what it points at
  }
  return requests;
}

void ControlChannel::answer(const ControlRequest& request, const ControlAnswer& answer) {
  if (request.file.empty() || request.command == ControlCommand::Snapshot) return;
  try {
    write_control_answer(request.file, answer);
  } catch (const Error&) {
    // The sender then says that no answer came; the trainer goes on.
  }
}

void ControlChannel::write_status(RunState state, int64_t iteration, int64_t total) {
  TrainerStatus status;
  status.state = state;
  status.iteration = iteration;
  status.total = total;
  status.processes = processes_;
  write_trainer_status(run_path_, status);
}

void ControlChannel::write_generator(const std::string& weights) {
  write_file_atomically((fs::path(run_path_) / kGeneratorSnapshotFile).string(), weights);
}

void ControlChannel::write_discriminator(const std::string& weights) {
  write_file_atomically((fs::path(run_path_) / kDiscriminatorSnapshotFile).string(), weights);
}

}  // namespace gs
