// Video files from frames, through FFmpeg's libraries (libavcodec, libavformat, libswscale): MP4
// with H.264 or WebM with VP9, yuv420p and even sizes so that every player opens them. The file
// appears only when finish() succeeds: an encoder destroyed before (a failure, a cancel) leaves
// nothing behind. No LibTorch, no Qt.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "model/io/images.h"

namespace gs {

enum class VideoFormat { Mp4H264, WebmVp9 };

// Whether this build writes videos (configured with FFmpeg's libraries; GANSTUDIO_VIDEO).
bool video_supported();

// The format a file name asks for: .mp4 (H.264) or .webm (VP9); throws Error naming the path
// otherwise.
VideoFormat video_format_of(const std::string& path);
// "MP4 (H.264)" or "WebM (VP9)".
const char* video_format_name(VideoFormat format);

// Limits: frames of at most this many pixels a side, at most this many frames.
inline constexpr int kMostVideoSide = 4096;
inline constexpr int kMostVideoFrames = 100'000;

class VideoEncoder {
 public:
  // Frames of width x height pixels (an odd side gets a black edge), `fps` (1..120) a second.
  // Throws Error naming the path when the sizes are out of range or the encoder cannot start.
  VideoEncoder(const std::string& path, VideoFormat format, int width, int height, int fps);
  ~VideoEncoder();
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  // One frame, grayscale or RGB, of the size given at construction.
  void add(const Image& frame);
  // Ends the stream and writes the file atomically; returns its size in bytes.
  size_t finish();

  int frames() const;
  int width() const;   // as encoded (even)
  int height() const;  // as encoded (even)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
