// Reading back the videos GanStudio writes, as a person's tools would: Debian's ffprobe for the
// stream's description, and FFmpeg's decoder for the frames themselves.
#pragma once

#include <string>
#include <vector>

#include "model/io/images.h"

namespace gs::testing {

struct VideoProbe {
  std::string codec;  // "h264", "vp9"
  std::string pixel_format;
  std::string frame_rate;  // "10/1"
  int width = 0;
  int height = 0;
  int frames = 0;  // counted by decoding (ffprobe -count_frames)
};
// Runs `ffprobe` on the file's first video stream; an empty codec when ffprobe failed (its
// message in `error`).
VideoProbe ffprobe(const std::string& path, std::string* error = nullptr);

// Every frame of the file's first video stream, decoded and converted to RGB.
std::vector<Image> decode_video(const std::string& path);

// The mean absolute difference of two images' bytes (same size; gray is compared as RGB).
double mean_abs_difference(const Image& a, const Image& b);

}  // namespace gs::testing
