#include "model/video/video_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "model/core/latent_path.h"
#include "model/core/number_text.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"
#include "model/video/caption.h"
#include "model/video/video_encoder.h"

namespace gs {

namespace {

void report_progress(const VideoProgress& progress, int done, int total, const std::string& path) {
  if (progress && !progress(done, total)) {
    throw ExportCancelled(path + ": export cancelled; nothing was written");
  }
}

}  // namespace

std::string timelapse_caption(const std::vector<QualityScores>& quality, int64_t iteration) {
  std::optional<double> fd;
  for (const QualityScores& row : quality) {
    if (row.iteration > iteration) break;
    if (std::isfinite(row.fd)) fd = row.fd;
  }
  std::string text = "iteration " + thousands(iteration);
  if (fd) {
    char figure[32];
    std::snprintf(figure, sizeof figure, "   FD %.2f", *fd);
    text += figure;
  }
  return text;
}

std::string export_training_video(const std::string& run_path, const TimelapseOptions& options,
                                  const std::string& path, const VideoProgress& progress) {
  const VideoFormat format = video_format_of(path);
  const auto grids = RunDirectory::time_lapse_grids(run_path, options.frame_step);
  const int scale = std::clamp(options.scale, 1, 8);
  std::vector<QualityScores> quality;
  if (options.caption) quality = read_quality(run_path);
  // An RGB run's grids stay in colour.
  const int channels = is_gray(read_png(grids.front().second, 3)) ? 1 : 3;

  auto frame_of = [&](size_t index) {
    Image frame = scale_nearest(read_png(grids[index].second, channels), scale);
    if (options.caption) {
      // The text about as large, against the grid, whatever its size.
      frame = with_caption(frame, timelapse_caption(quality, grids[index].first),
                           std::max(1, frame.width / 240));
    }
    return frame;
  };
  const int total = static_cast<int>(grids.size());
  report_progress(progress, 0, total, path);
  const Image first = frame_of(0);
  VideoEncoder encoder(path, format, first.width, first.height, options.fps);
  encoder.add(first);
  report_progress(progress, 1, total, path);
  for (int i = 1; i < total; ++i) {
    encoder.add(frame_of(static_cast<size_t>(i)));
    report_progress(progress, i + 1, total, path);
  }
  const size_t bytes = encoder.finish();
  return "wrote a " + std::string(video_format_name(format)) + " video of " +
         std::to_string(total) + " grids (iterations " + thousands(grids.front().first) + " to " +
         thousands(grids.back().first) + ", " + std::to_string(encoder.width()) + "x" +
         std::to_string(encoder.height()) + ", " + std::to_string(options.fps) +
         " frames per second, " + bytes_text(bytes) + ") to " + path;
}

std::vector<float> latent_walk_inputs(const Sampler& sampler, const WalkOptions& options) {
  const size_t points = options.seeds.size();
  if (points < 2) throw Error("a latent walk needs at least 2 points (seeds)");
  if (options.frames < 2 || options.frames > kMostVideoFrames) {
    throw Error("a latent walk has 2 to " + std::to_string(kMostVideoFrames) + " frames, not " +
                std::to_string(options.frames));
  }
  const int classes = sampler.classes();
  if (classes == 0 && !options.classes.empty()) {
    throw Error("this generator is not conditional: a latent walk takes no classes");
  }
  if (!options.classes.empty() && options.classes.size() != points) {
    throw Error("a latent walk takes one class per point: " + std::to_string(points) + " points, " +
                std::to_string(options.classes.size()) + " classes");
  }
  std::vector<std::vector<float>> z;
  std::vector<std::vector<float>> weights;  // class weights (one-hot at the points)
  for (size_t i = 0; i < points; ++i) {
    z.push_back(sampler.latent_vectors(1, options.seeds[i]));
    if (classes > 0) {
      const int c = options.classes.empty() ? static_cast<int>(i % static_cast<size_t>(classes))
                                            : options.classes[i];
      if (c < 0 || c >= classes) {
        throw Error("class " + std::to_string(c) + " is not one of this generator's " +
                    std::to_string(classes) + " classes");
      }
      std::vector<float> one_hot(static_cast<size_t>(classes), 0.0f);
      one_hot[static_cast<size_t>(c)] = 1.0f;
      weights.push_back(std::move(one_hot));
    }
  }
  const size_t segments = options.loop ? points : points - 1;
  std::vector<float> inputs;
  inputs.reserve(static_cast<size_t>(options.frames) * static_cast<size_t>(sampler.input_dim()));
  for (int f = 0; f < options.frames; ++f) {
    // A loop's last frame stops one step short of the first, so that the video repeats smoothly.
    const double u = options.loop ? double(f) * segments / options.frames
                                  : double(f) * segments / (options.frames - 1);
    const size_t from = std::min(static_cast<size_t>(u), segments - 1);
    const size_t to = (from + 1) % points;
    const double t = u - static_cast<double>(from);
    const std::vector<float> point =
        options.spherical ? slerp(z[from], z[to], t) : lerp(z[from], z[to], t);
    inputs.insert(inputs.end(), point.begin(), point.end());
    if (classes > 0) {
      const std::vector<float> mix = lerp(weights[from], weights[to], t);
      inputs.insert(inputs.end(), mix.begin(), mix.end());
    }
  }
  return inputs;
}

std::string export_latent_walk(Sampler& sampler, const WalkOptions& options,
                               const std::string& path, const VideoProgress& progress) {
  const VideoFormat format = video_format_of(path);
  const std::vector<float> inputs = latent_walk_inputs(sampler, options);
  const auto input_dim = static_cast<size_t>(sampler.input_dim());
  const int scale = std::clamp(options.scale, 1, 16);
  const int total = options.frames;
  report_progress(progress, 0, total, path);
  std::optional<VideoEncoder> encoder;
  constexpr int kChunk = 16;  // frames drawn at once
  for (int start = 0; start < total; start += kChunk) {
    const int count = std::min(kChunk, total - start);
    const std::vector<float> chunk(
        inputs.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(start) * input_dim),
        inputs.begin() +
            static_cast<std::ptrdiff_t>(static_cast<size_t>(start + count) * input_dim));
    const ImageBatch images = sampler.render_inputs(chunk);
    for (int i = 0; i < count; ++i) {
      const Image frame = scale_nearest(images.image(i), scale);
      if (!encoder) encoder.emplace(path, format, frame.width, frame.height, options.fps);
      encoder->add(frame);
      report_progress(progress, start + i + 1, total, path);
    }
  }
  const size_t bytes = encoder->finish();
  std::string points;
  for (size_t i = 0; i < options.seeds.size(); ++i) {
    points += (i ? ", " : "") + std::to_string(options.seeds[i]);
  }
  return "wrote a " + std::string(video_format_name(format)) + " latent walk of " +
         std::to_string(total) + " frames (" + (options.spherical ? "spherical" : "linear") +
         (options.loop ? " loop" : "") + " through seeds " + points + ", " +
         std::to_string(encoder->width()) + "x" + std::to_string(encoder->height()) + ", " +
         std::to_string(options.fps) + " frames per second, " + bytes_text(bytes) + ") to " + path;
}

}  // namespace gs
