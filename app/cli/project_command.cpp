// ganstudio-cli project: the latent vector whose image is closest to a picture (model/inspect/).
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>

#include "app/cli/command_line.h"
#include "app/cli/interrupt.h"
#include "model/data/image_files.h"
#include "model/inspect/projection.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/images.h"
#include "model/quality/quality_meter.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs::cli {

namespace {

struct ProjectOptions {
  std::string image;
  std::string checkpoint;
  int steps = 300;
  int starts = 8;
  int64_t seed = 1;
  std::string out;
  std::string png;
  std::string device = "cpu";
  bool pixels_only = false;
};

// As the explorer's Copy z writes it, so Paste z takes the file's text.
std::string latent_text(const std::vector<float>& z) {
  std::ostringstream text;
  text.precision(6);
  text << '[';
  for (size_t i = 0; i < z.size(); ++i) text << (i ? ", " : "") << z[i];
  text << "]\n";
  return text.str();
}

int project_image(const ProjectOptions& o) {
  const std::string path = RunDirectory::find_checkpoint(o.checkpoint);
  Sampler sampler = Sampler::from_checkpoint(path, o.device);
  const ImageShape shape = image_shape(sampler.config());
  bool inverted = false;
  const ImageBatch target =
      projection_target(read_image_file(o.image, shape.channels), sampler, &inverted);
  if (inverted) {
    std::fprintf(stderr,
                 "%s: its contrast is the other way round from the generator's images; "
                 "projecting its negative\n",
                 o.image.c_str());
  }
  std::unique_ptr<QualityMeter> meter;
  if (!o.pixels_only) {
    try {
      meter = std::make_unique<QualityMeter>(QualityMeter::for_run(sampler.config()));
    } catch (const Error& error) {
      std::fprintf(stderr, "no perceptual term (the quality meter is not available: %s)\n",
                   error.what());
    }
  }
  install_interrupt_handler();
  ProjectionOptions options;
  options.steps = o.steps;
  options.starts = o.starts;
  options.seed = static_cast<uint64_t>(o.seed);
  options.progress = [&](int step, double error) {
    if (step % 50 == 0 || step == o.steps) {
      std::fprintf(stderr, "step %d of %d: pixel error %.4f\n", step, o.steps, error);
    }
    return !interrupt_requested();
  };
  const Projection result = project(sampler, target, options, meter.get());
  write_file_atomically(o.out, latent_text(result.z));
  if (!o.png.empty()) {
    // The picture as projected (fitted, perhaps inverted) beside the generator's image.
    ImageBatch pair = target;
    pair.count = 2;
    pair.pixels.insert(pair.pixels.end(), result.image.pixels.begin(), result.image.pixels.end());
    write_png(o.png, tile_grid(pair, GridLayout{2, 2, 4, 96}));
  }
  std::string of_class =
      result.class_index >= 0
          ? ", class " + sampler.class_names()[static_cast<size_t>(result.class_index)]
          : "";
  if (result.picture_class >= 0) {
    of_class += "; the quality meter's classifier reads the picture as class " +
                std::to_string(result.picture_class) + " and its projection as class " +
                std::to_string(result.projection_class);
  }
  std::printf("%s %s after %d steps: pixel error %.4f (from %.4f)%s; z in %s%s\n",
              result.cancelled ? "stopped" : "projected", o.image.c_str(), result.steps,
              result.pixel_error, result.start_pixel_error, of_class.c_str(), o.out.c_str(),
              o.png.empty() ? "" : (", the picture and its projection in " + o.png).c_str());
  return result.cancelled ? 130 : 0;
}

}  // namespace

Command add_project_command(CLI::App& cli) {
  auto o = std::make_shared<ProjectOptions>();
  CLI::App* command =
      cli.add_subcommand("project", "find the latent vector whose image is closest to a picture");
  command->footer(
      "Gradient descent on z through the checkpoint's generator (its weights fixed) from several "
      "random starts: a pixel loss plus a perceptual term on the quality meter's classifier "
      "features. A conditional generator's class is the one the classifier reads in the picture "
      "(every class is tried without one). The picture (PNG or JPEG) is scaled to the "
      "generator's size, and turned to its contrast (light on dark for MNIST). z is written as "
      "the explorer's Copy z writes it, so Paste z takes it.");
  command->add_option("image", o->image, "a PNG or JPEG picture")->required();
  command
      ->add_option("--checkpoint", o->checkpoint,
                   "a checkpoint file, or a run folder (its newest checkpoint)")
      ->required();
  command->add_option("--steps", o->steps, "descent steps")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command->add_option("--starts", o->starts, "random starts descending together")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  command->add_option("--seed", o->seed, "the starts' seed")->capture_default_str();
  command->add_option("--out", o->out, "z as text (FILE.txt)")->required();
  command->add_option("--png", o->png, "the picture and its projection side by side (PNG)");
  command->add_option("--device", o->device, "cpu, cuda or cuda:N")->capture_default_str();
  command->add_flag("--pixels-only", o->pixels_only, "no perceptual term (pixels alone)");
  return {command, [o] { return project_image(*o); }};
}

}  // namespace gs::cli
