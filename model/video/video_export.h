// Videos of a run, for the window (File -> Export...) and `ganstudio-cli export --video/--walk`:
// the training time-lapse (the grids the run drew) and a latent walk (a generator's images along a
// path through latent space). MP4 (H.264) or WebM (VP9) by the file's name (video_encoder.h).
// Like every export, the file appears whole or not at all: a failure or a cancel leaves nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/io/error.h"
#include "model/metrics/quality_scores.h"

namespace gs {

class Sampler;

// Hears of each frame written (done of total); returning false cancels the export
// (ExportCancelled).
using VideoProgress = std::function<bool(int done, int total)>;

class ExportCancelled : public Error {
 public:
  using Error::Error;
};

struct TimelapseOptions {
  int frame_step = 1;   // every k-th grid the run drew (the newest always ends the video)
  int fps = 10;         // frames per second, 1..120
  int scale = 1;        // nearest-neighbour magnification of the grids as saved, 1..8
  bool caption = true;  // the iteration and the newest quality figure (FD) under each grid
};
// The run's sample grids (samples/iter_*.png, in order) as a video.
std::string export_training_video(const std::string& run_path, const TimelapseOptions& options,
                                  const std::string& path, const VideoProgress& progress = {});

// The caption under the grid of `iteration`: "iteration 12,400   FD 8.12", the FD being the newest
// measured at or before it (none before the first measurement).
std::string timelapse_caption(const std::vector<QualityScores>& quality, int64_t iteration);

struct WalkOptions {
  // The points, each a latent vector drawn from a seed (as `sample --seed` draws its first
  // image); at least 2.
  std::vector<uint64_t> seeds = {1, 2};
  // A conditional generator's class at each point (one per seed; empty: the classes in turn, so
  // the walk also moves between classes); an unconditional generator takes none.
  std::vector<int> classes;
  bool loop = false;      // back from the last point to the first (a seamless loop)
  bool spherical = true;  // along great circles (slerp), or straight lines
  int frames = 60;        // in all, 2..kMostVideoFrames
  int fps = 30;           // 1..120
  int scale = 8;          // magnification of the image, 1..16
};
// A walk through the generator's latent space as a video: the latent vectors (and class weights)
// between consecutive points, evenly spaced in frames.
std::string export_latent_walk(Sampler& sampler, const WalkOptions& options,
                               const std::string& path, const VideoProgress& progress = {});

// The inputs (Sampler::render_inputs) of the walk's frames: frames x input_dim floats.
std::vector<float> latent_walk_inputs(const Sampler& sampler, const WalkOptions& options);

}  // namespace gs
