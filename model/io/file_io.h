// Whole-file reads and crash-safe whole-file writes.
#pragma once

#include <string>
#include <string_view>

namespace gs {

// Reads a whole file; throws Error naming the path when it cannot be opened or read.
std::string read_file(const std::string& path);

// Writes `bytes` to `path` so that a crash or a full disk never leaves a half-written file behind:
// write to a temporary file in the same folder, flush it to disk, then rename it over `path`.
// On any failure the temporary file is removed, `path` keeps its previous content, and Error is
// thrown naming the path and the cause ("runs/a/checkpoint.pt: write failed (No space left on
// device)").
void write_file_atomically(const std::string& path, std::string_view bytes);

// Creates a folder and its parents; throws Error naming the path on failure.
void make_directories(const std::string& path);

}  // namespace gs
