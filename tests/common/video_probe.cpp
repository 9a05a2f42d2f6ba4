#include "tests/common/video_probe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace gs::testing {

VideoProbe ffprobe(const std::string& path, std::string* error) {
  const std::string command =
      "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
      "stream=codec_name,pix_fmt,r_frame_rate,width,height,nb_read_frames "
      "-of default=noprint_wrappers=1 '" +
      path + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  VideoProbe probe;
  if (!pipe) return probe;
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = ::pclose(pipe);
  std::map<std::string, std::string> fields;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(start, end - start);
    const size_t equals = line.find('=');
    if (equals != std::string::npos) fields[line.substr(0, equals)] = line.substr(equals + 1);
    start = end + 1;
  }
  if (status != 0 || !fields.count("codec_name")) {
    if (error)
      *error = output.empty() ? "ffprobe did not run (is the ffmpeg package installed?)" : output;
    return probe;
  }
  probe.codec = fields["codec_name"];
  probe.pixel_format = fields["pix_fmt"];
  probe.frame_rate = fields["r_frame_rate"];
  probe.width = std::atoi(fields["width"].c_str());
  probe.height = std::atoi(fields["height"].c_str());
  probe.frames = std::atoi(fields["nb_read_frames"].c_str());
  return probe;
}

std::vector<Image> decode_video(const std::string& path) {
  AVFormatContext* input = nullptr;
  if (avformat_open_input(&input, path.c_str(), nullptr, nullptr) < 0) {
    throw std::runtime_error(path + ": FFmpeg cannot open it");
  }
  std::vector<Image> frames;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = av_frame_alloc();
  AVPacket* packet = av_packet_alloc();
  SwsContext* scaler = nullptr;
  auto cleanup = [&] {
    sws_freeContext(scaler);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    avformat_close_input(&input);
  };
  try {
    if (avformat_find_stream_info(input, nullptr) < 0) throw std::runtime_error("no streams");
    const AVCodec* decoder = nullptr;
    const int stream = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (stream < 0 || !decoder) throw std::runtime_error(path + ": no video stream");
    codec = avcodec_alloc_context3(decoder);
    avcodec_parameters_to_context(codec, input->streams[stream]->codecpar);
    if (avcodec_open2(codec, decoder, nullptr) < 0) throw std::runtime_error("no decoder");
    auto take_frames = [&] {
      while (avcodec_receive_frame(codec, frame) == 0) {
        Image rgb{frame->width, frame->height, {}, 3};
        rgb.pixels.resize(static_cast<size_t>(rgb.width) * rgb.height * 3);
        scaler = sws_getCachedContext(
            scaler, frame->width, frame->height, static_cast<AVPixelFormat>(frame->format),
            frame->width, frame->height, AV_PIX_FMT_RGB24,
            SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr);
        // The stream says its range (GanStudio writes studio range, BT.601): convert it back so.
        const int studio = frame->color_range != AVCOL_RANGE_JPEG;
        sws_setColorspaceDetails(scaler, sws_getCoefficients(SWS_CS_ITU601), studio ? 0 : 1,
                                 sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        uint8_t* out[1] = {rgb.pixels.data()};
        const int stride[1] = {rgb.width * 3};
        sws_scale(scaler, frame->data, frame->linesize, 0, frame->height, out, stride);
        frames.push_back(std::move(rgb));
      }
    };
    while (av_read_frame(input, packet) >= 0) {
      if (packet->stream_index == stream) avcodec_send_packet(codec, packet);
      av_packet_unref(packet);
      take_frames();
    }
    avcodec_send_packet(codec, nullptr);
    take_frames();
  } catch (...) {
    cleanup();
    throw;
  }
  cleanup();
  return frames;
}

double mean_abs_difference(const Image& a, const Image& b) {
  const Image x = with_channels(a, 3);
  const Image y = with_channels(b, 3);
  if (x.width != y.width || x.height != y.height || x.pixels.empty()) return 1e9;
  double sum = 0;
  for (size_t i = 0; i < x.pixels.size(); ++i) sum += std::abs(int(x.pixels[i]) - int(y.pixels[i]));
  return sum / static_cast<double>(x.pixels.size());
}

}  // namespace gs::testing
