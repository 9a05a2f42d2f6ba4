// ganstudio-cli sample: images from a checkpoint's generator, as IDX or a PNG grid.
#include <cmath>
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/data/idx.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs::cli {

const char* const kSampleUsage =
    "usage: ganstudio-cli sample --checkpoint FILE|RUN_DIR --count N --out FILE.{idx,png}\n"
    "                            [--seed S] [--device D]\n"
    "\n"
    "Draws N images from the generator: FILE.idx is an IDX file of unsigned bytes (N x 28 x 28,\n"
    "for other tools), FILE.png a grid. The same seed gives the same images.\n";

int run_sample(Arguments& args) {
  const auto checkpoint = args.take("checkpoint");
  const auto count = args.take_integer("count", 1, 1000000);
  const auto out = args.take("out");
  const auto seed = args.take_integer("seed", 0, (1LL << 62));
  const auto device = args.take("device");
  args.expect_empty();
  if (!checkpoint) throw UsageError("--checkpoint is required");
  if (!count) throw UsageError("--count is required");
  if (!out) throw UsageError("--out is required");
  const bool png = ends_with(*out, ".png");
  if (!png && !ends_with(*out, ".idx")) throw UsageError("--out must end in .png or .idx");

  const std::string path = RunDirectory::find_checkpoint(*checkpoint);
  Sampler sampler = Sampler::from_checkpoint(path, device.value_or("cpu"));
  const ImageBatch batch = sampler.generate(*count, static_cast<uint64_t>(seed.value_or(0)));
  if (png) {
    const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(batch.count))));
    write_png(*out, tile_grid(batch, GridLayout{columns, 2, batch.count <= 100 ? 2 : 1, 96}));
  } else {
    const std::vector<uint32_t> dims = {static_cast<uint32_t>(batch.count),
                                        static_cast<uint32_t>(batch.side),
                                        static_cast<uint32_t>(batch.side)};
    write_file_atomically(*out, encode_idx(dims, batch.pixels.data(), batch.pixels.size()));
  }
  std::printf("wrote %d samples from %s (seed %lld) to %s\n", batch.count, path.c_str(),
              seed.value_or(0), out->c_str());
  return 0;
}

}  // namespace gs::cli
