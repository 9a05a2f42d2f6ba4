// VideoEncoder in a build without FFmpeg's libraries (GANSTUDIO_VIDEO=OFF): refuses, saying why.
#include "model/io/error.h"
#include "model/video/video_encoder.h"

namespace gs {

struct VideoEncoder::Impl {};

bool video_supported() { return false; }

VideoEncoder::VideoEncoder(const std::string& path, VideoFormat, int, int, int) {
  throw Error(path +
              ": this build of GanStudio writes no videos (configured with "
              "GANSTUDIO_VIDEO=OFF, without FFmpeg's libraries)");
}
VideoEncoder::~VideoEncoder() = default;
void VideoEncoder::add(const Image&) {}
size_t VideoEncoder::finish() { return 0; }
int VideoEncoder::frames() const { return 0; }
int VideoEncoder::width() const { return 0; }
int VideoEncoder::height() const { return 0; }

}  // namespace gs
