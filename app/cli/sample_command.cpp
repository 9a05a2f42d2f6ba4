// ganstudio-cli sample: images from a checkpoint's generator, as IDX or a PNG grid.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command_line.h"
#include "model/data/idx.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs::cli {

namespace {

struct SampleOptions {
  std::string checkpoint;
  int64_t count = 0;
  std::string out;
  int64_t seed = 0;
  std::string device = "cpu";
  std::string class_text;  // a name or a number; empty: every class in turn
};

int sample(const SampleOptions& options) {
  const bool png = ends_with(options.out, ".png");
  const std::string path = RunDirectory::find_checkpoint(options.checkpoint);
  Sampler sampler = Sampler::from_checkpoint(path, options.device);
  const int class_index = options.class_text.empty() ? -1 : sampler.class_of(options.class_text);
  const ImageBatch batch =
      sampler.generate(options.count, static_cast<uint64_t>(options.seed), class_index);
  if (!png && batch.channels != 1) {
    throw Error(options.out + ": IDX holds grayscale images, and this generator draws RGB; " +
                "write a .png grid, or a folder with `ganstudio-cli export --samples`");
  }
  if (png) {
    const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(batch.count))));
    write_png(options.out,
              tile_grid(batch, GridLayout{columns, 2, batch.count <= 100 ? 2 : 1, 96}));
  } else {
    const std::vector<uint32_t> dims = {static_cast<uint32_t>(batch.count),
                                        static_cast<uint32_t>(batch.side),
                                        static_cast<uint32_t>(batch.side)};
    write_file_atomically(options.out, encode_idx(dims, batch.pixels.data(), batch.pixels.size()));
  }
  const std::string of_class =
      class_index >= 0 ? " of class " + sampler.class_names()[static_cast<size_t>(class_index)]
                       : "";
  std::printf("wrote %d samples%s from %s (seed %lld) to %s\n", batch.count, of_class.c_str(),
              path.c_str(), static_cast<long long>(options.seed), options.out.c_str());
  return 0;
}

}  // namespace

Command add_sample_command(CLI::App& cli) {
  auto options = std::make_shared<SampleOptions>();
  CLI::App* command =
      cli.add_subcommand("sample", "draw images from a checkpoint's generator as IDX or PNG");
  command->footer(
      "Draws N images from the generator: FILE.idx is an IDX file of unsigned bytes (N x 28 x 28, "
      "for other tools; grayscale only), FILE.png a grid. The same seed gives the same images. "
      "A conditional generator draws --class NAME (or N), or every class in turn.");
  command
      ->add_option("--checkpoint", options->checkpoint,
                   "a checkpoint file, or a run folder (its newest checkpoint)")
      ->required();
  command->add_option("--count", options->count, "how many images")
      ->required()
      ->check(CLI::Range(int64_t{1}, int64_t{1000000}));
  command->add_option("--out", options->out, "FILE.idx or FILE.png")
      ->required()
      ->check(CLI::Validator(
          [](std::string& out) {
            return ends_with(out, ".png") || ends_with(out, ".idx")
                       ? std::string{}
                       : std::string("must end in .png or .idx");
          },
          "FILE.{idx,png}"));
  command->add_option("--seed", options->seed, "random seed of the latent vectors")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 62));
  command->add_option("--device", options->device, "cpu, cuda or cuda:N")->capture_default_str();
  command->add_option("--class", options->class_text,
                      "the class to draw (a conditional generator): its name (an image folder's "
                      "sub-folder, e.g. cats) or its number (0-based, e.g. 7 for sevens)");
  return {command, [options] { return sample(*options); }};
}

}  // namespace gs::cli
