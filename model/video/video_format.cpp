#include <string>

#include "model/io/error.h"
#include "model/video/video_encoder.h"

namespace gs {

namespace {

bool ends_with_lower(const std::string& text, const std::string& suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

VideoFormat video_format_of(const std::string& path) {
  if (ends_with_lower(path, ".mp4")) return VideoFormat::Mp4H264;
  if (ends_with_lower(path, ".webm")) return VideoFormat::WebmVp9;
  throw Error(path + ": a video's name ends in .mp4 (H.264) or .webm (VP9)");
}

const char* video_format_name(VideoFormat format) {
  return format == VideoFormat::Mp4H264 ? "MP4 (H.264)" : "WebM (VP9)";
}

}  // namespace gs
