#include "model/video/video_encoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <string>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

namespace {

std::string av_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

}  // namespace

bool video_supported() { return true; }

struct VideoEncoder::Impl {
  std::string path;
  VideoFormat format = VideoFormat::Mp4H264;
  int source_width = 0;
  int source_height = 0;
  int width = 0;
  int height = 0;
  int frames = 0;
  bool finished = false;
  AVFormatContext* container = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* scaler = nullptr;
  std::vector<uint8_t> rgb;  // the frame padded to even sides, RGB

  ~Impl() {
    sws_freeContext(scaler);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    if (container) {
      if (container->pb) {
        uint8_t* bytes = nullptr;
        avio_close_dyn_buf(container->pb, &bytes);
        av_free(bytes);
      }
      avformat_free_context(container);
    }
  }

  [[noreturn]] void fail(const std::string& what, int code) const {
    throw Error(path + ": " + what + " (" + av_text(code) + ")");
  }

  // Sends `input` (nullptr: the end) and writes every packet the encoder has ready.
  void encode(AVFrame* input) {
    int code = avcodec_send_frame(codec, input);
    if (code < 0) fail("the video encoder refused a frame", code);
    for (;;) {
      code = avcodec_receive_packet(codec, packet);
      if (code == AVERROR(EAGAIN) || code == AVERROR_EOF) return;
      if (code < 0) fail("the video encoder failed", code);
      av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
      packet->stream_index = stream->index;
      code = av_interleaved_write_frame(container, packet);
      if (code < 0) fail("cannot write the video", code);
    }
  }
};

VideoEncoder::VideoEncoder(const std::string& path, VideoFormat format, int width, int height,
                           int fps)
    : impl_(std::make_unique<Impl>()) {
  Impl& v = *impl_;
  v.path = path;
  v.format = format;
  av_log_set_level(AV_LOG_ERROR);  // the encoders' reports are not for people exporting a video
  if (width < 2 || height < 2 || width > kMostVideoSide || height > kMostVideoSide) {
    throw Error(path + ": a video frame is 2 to " + std::to_string(kMostVideoSide) +
                " pixels a side; these are " + std::to_string(width) + "x" +
                std::to_string(height));
  }
  if (fps < 1 || fps > 120) {
    throw Error(path + ": frames per second must be 1 to 120, not " + std::to_string(fps));
  }
  v.source_width = width;
  v.source_height = height;
  v.width = (width + 1) / 2 * 2;  // yuv420p halves both sides of the colour planes
  v.height = (height + 1) / 2 * 2;

  const bool mp4 = format == VideoFormat::Mp4H264;
  int code = avformat_alloc_output_context2(&v.container, nullptr, mp4 ? "mp4" : "webm", nullptr);
  if (code < 0 || !v.container) v.fail("cannot start a video file", code);
  const AVCodec* encoder = avcodec_find_encoder_by_name(mp4 ? "libx264" : "libvpx-vp9");
  if (!encoder) encoder = avcodec_find_encoder(mp4 ? AV_CODEC_ID_H264 : AV_CODEC_ID_VP9);
  if (!encoder) {
    throw Error(path + ": this FFmpeg has no " + (mp4 ? "H.264" : "VP9") + " encoder");
  }
  v.stream = avformat_new_stream(v.container, nullptr);
  v.codec = avcodec_alloc_context3(encoder);
  v.frame = av_frame_alloc();
  v.packet = av_packet_alloc();
  if (!v.stream || !v.codec || !v.frame || !v.packet) v.fail("out of memory", AVERROR(ENOMEM));
  v.codec->width = v.width;
  v.codec->height = v.height;
  v.codec->time_base = AVRational{1, fps};
  v.codec->framerate = AVRational{fps, 1};
  v.codec->pix_fmt = AV_PIX_FMT_YUV420P;
  v.codec->gop_size = std::max(1, fps * 2);
  // Studio-range BT.601, said in the stream so that players convert back the same way.
  v.codec->color_range = AVCOL_RANGE_MPEG;
  v.codec->colorspace = AVCOL_SPC_SMPTE170M;
  v.codec->color_primaries = AVCOL_PRI_SMPTE170M;
  v.codec->color_trc = AVCOL_TRC_SMPTE170M;
  if (mp4) {
    // Sharp digits on flat backgrounds: high quality at a small size.
    av_opt_set(v.codec->priv_data, "preset", "medium", 0);
    av_opt_set(v.codec->priv_data, "crf", "16", 0);
  } else {
    v.codec->bit_rate = 0;  // constant quality
    av_opt_set(v.codec->priv_data, "crf", "20", 0);
    av_opt_set(v.codec->priv_data, "deadline", "good", 0);
    av_opt_set(v.codec->priv_data, "cpu-used", "4", 0);
    av_opt_set(v.codec->priv_data, "row-mt", "1", 0);
  }
  if (v.container->oformat->flags & AVFMT_GLOBALHEADER) {
    v.codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  }
  code = avcodec_open2(v.codec, encoder, nullptr);
  if (code < 0) v.fail("cannot start the video encoder", code);
  code = avcodec_parameters_from_context(v.stream->codecpar, v.codec);
  if (code < 0) v.fail("cannot describe the video stream", code);
  v.stream->time_base = v.codec->time_base;
  v.stream->avg_frame_rate = v.codec->framerate;
  // The file is made in memory and written atomically by finish(): a failed or cancelled export
  // leaves nothing behind.
  code = avio_open_dyn_buf(&v.container->pb);
  if (code < 0) v.fail("out of memory", code);
  code = avformat_write_header(v.container, nullptr);
  if (code < 0) v.fail("cannot start a video file", code);

  v.frame->format = v.codec->pix_fmt;
  v.frame->width = v.width;
  v.frame->height = v.height;
  code = av_frame_get_buffer(v.frame, 0);
  if (code < 0) v.fail("out of memory", code);
  v.scaler =
      sws_getContext(v.width, v.height, AV_PIX_FMT_RGB24, v.width, v.height, AV_PIX_FMT_YUV420P,
                     SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
  if (!v.scaler) v.fail("cannot convert frames to yuv420p", AVERROR(EINVAL));
  v.rgb.assign(static_cast<size_t>(v.width) * v.height * 3, 0);
}

VideoEncoder::~VideoEncoder() = default;

void VideoEncoder::add(const Image& frame) {
  Impl& v = *impl_;
  if (v.finished) throw Error(v.path + ": the video is finished");
  if (frame.width != v.source_width || frame.height != v.source_height) {
    throw Error(v.path + ": every frame of a video has the first one's size (" +
                std::to_string(v.source_width) + "x" + std::to_string(v.source_height) +
                "); this one is " + std::to_string(frame.width) + "x" +
                std::to_string(frame.height));
  }
  if (v.frames >= kMostVideoFrames) {
    throw Error(v.path + ": a video holds at most " + std::to_string(kMostVideoFrames) + " frames");
  }
  const Image rgb = with_channels(frame, 3);
  for (int y = 0; y < frame.height; ++y) {
    std::copy_n(rgb.pixels.begin() + static_cast<std::ptrdiff_t>(y) * frame.width * 3,
                frame.width * 3, v.rgb.begin() + static_cast<std::ptrdiff_t>(y) * v.width * 3);
  }
  const int code = av_frame_make_writable(v.frame);
  if (code < 0) v.fail("out of memory", code);
  const uint8_t* source[1] = {v.rgb.data()};
  const int stride[1] = {v.width * 3};
  sws_scale(v.scaler, source, stride, 0, v.height, v.frame->data, v.frame->linesize);
  v.frame->pts = v.frames;
  v.encode(v.frame);
  ++v.frames;
}

size_t VideoEncoder::finish() {
  Impl& v = *impl_;
  if (v.frames == 0) throw Error(v.path + ": a video needs at least one frame");
  v.encode(nullptr);
  int code = av_write_trailer(v.container);
  if (code < 0) v.fail("cannot finish the video", code);
  uint8_t* bytes = nullptr;
  const int size = avio_close_dyn_buf(v.container->pb, &bytes);
  v.container->pb = nullptr;
  std::unique_ptr<uint8_t, void (*)(void*)> owned(bytes, av_free);
  if (size <= 0 || !bytes) v.fail("cannot finish the video", AVERROR(ENOMEM));
  write_file_atomically(
      v.path, std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size)));
  v.finished = true;
  return static_cast<size_t>(size);
}

int VideoEncoder::frames() const { return impl_->frames; }
int VideoEncoder::width() const { return impl_->width; }
int VideoEncoder::height() const { return impl_->height; }

}  // namespace gs
