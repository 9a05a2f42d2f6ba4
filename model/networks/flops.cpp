#include "model/networks/flops.h"

#include <cstdio>

#include "model/config/keys.h"
#include "model/data/image_set.h"

namespace gs {

namespace {

// Convolution: output pixels x in x out x k x k multiply-accumulates; transposed convolution: the
// same counted over input pixels. Its weights: in x out x k x k.
LayerCost conv(const std::string& name, double pixels, double in, double out, double kernel,
               double executed_share = 1) {
  const double flops = 2.0 * pixels * in * out * kernel * kernel;
  return {name, flops, executed_share * flops, in * out * kernel * kernel, pixels * out};
}

LayerCost dense(const std::string& name, double in, double out) {
  return {name, 2.0 * in * out, 2.0 * in * out, in * out, out};
}

}  // namespace

std::vector<LayerCost> generator_costs(const ModelConfig& resolved) {
  const auto& w = resolved.g_widths;
  const double nz = resolved.noise_dim;
  if (*resolved.preset == Preset::Seed) {
    constexpr double kFolded = 9.0 / 25.0;  // taps per output pixel, folded / literal
    return {dense("dense", nz, 7 * 7 * w[0]),
            conv("conv1 (14x14)", 14 * 14, w[0], w[1], 5, kFolded),
            conv("conv2 (28x28)", 28 * 28, w[1], w[2], 5, kFolded),
            conv("conv3 (28x28)", 28 * 28, w[2], w[3], 5),
            conv("conv_out (28x28)", 28 * 28, w[3], 1, 5)};
  }
  // The compact blocks run as ordinary convolutions of the four output phases' kernels
  // (layers::transposed_conv); those also multiply the taps a phase does not use (zeros: up2 1.78x,
  // up3 1.31x, up_out 1.15x the counts below). Only taps that touch a weight are counted as work.
  return {conv("up1 (1->4)", 1, nz, w[0], 4), conv("up2 (4->7)", 4 * 4, w[0], w[1], 3),
          conv("up3 (7->14)", 7 * 7, w[1], w[2], 4), conv("up_out (14->28)", 14 * 14, w[2], 1, 4)};
}

std::vector<LayerCost> discriminator_costs(const ModelConfig& resolved) {
  const auto& w = resolved.d_widths;
  if (*resolved.preset == Preset::Seed) {
    return {conv("conv1 (14x14)", 14 * 14, 1, w[0], 5), conv("conv2 (7x7)", 7 * 7, w[0], w[1], 5),
            conv("conv3 (4x4)", 4 * 4, w[1], w[2], 5), conv("conv4 (4x4)", 4 * 4, w[2], w[3], 5),
            dense("dense", 4 * 4 * w[3], 1)};
  }
  return {conv("conv1 (14x14)", 14 * 14, 1, w[0], 4), conv("conv2 (7x7)", 7 * 7, w[0], w[1], 4),
          conv("conv3 (3x3)", 3 * 3, w[1], w[2], 4), conv("conv_out (1x1)", 1, w[2], 1, 3)};
}

double total_flops(const std::vector<LayerCost>& costs, bool executed) {
  double total = 0;
  for (const auto& cost : costs) total += executed ? cost.executed_flops : cost.forward_flops;
  return total;
}

double iteration_flops(const RunConfig& resolved, bool executed) {
  const double batch = resolved.training.batch_size;
  const double g = total_flops(generator_costs(resolved.model), executed);
  const double d = total_flops(discriminator_costs(resolved.model), executed);
  const double d_step = 3 * d;          // forward + backward (input and weight gradients)
  const double g_step = 3 * g + 2 * d;  // G forward+backward; D forward + input gradient only
  const bool fast = resolved.training.loop && *resolved.training.loop == Loop::Fast;
  const double fakes = fast ? 0 : g;  // the fast loop reuses the G step's forward
  return batch * (fakes + 2 * d_step + g_step);
}

double training_bytes(const RunConfig& resolved) {
  double parameters = 0;
  double activations = 0;
  for (const auto& costs : {generator_costs(resolved.model), discriminator_costs(resolved.model)}) {
    for (const LayerCost& layer : costs) {
      parameters += layer.parameters;
      activations += layer.outputs;
    }
  }
  // Each weight: itself, its gradient, Adam's two moments, and G's moving average (an upper
  // bound); each output kept for the backward pass: the convolution's, normalisation's and
  // activation's, for reals and fakes, several times over at these sizes.
  constexpr double kCopiesPerWeight = 5;
  constexpr double kCopiesPerOutput = 8;
  const double pixels = static_cast<double>(resolved.data.image_size) * resolved.data.image_size /
                        (28.0 * 28.0) * resolved.data.channels;
  return 4.0 * (kCopiesPerWeight * parameters +
                kCopiesPerOutput * resolved.training.batch_size * activations * pixels);
}

std::string memory_refusal(const RunConfig& resolved, double available_bytes) {
  const double needed = training_bytes(resolved);
  if (available_bytes <= 0 || needed <= available_bytes) return "";
  char text[160];
  std::snprintf(text, sizeof text,
                "needs about %.1f GB of memory to train, more than the %.1f GB this machine has "
                "free",
                needed / 1e9, available_bytes / 1e9);
  return std::string(keys::kGWidths) + ", " + keys::kDWidths + " and " + keys::kBatchSize +
         ": the model " + text + "; choose smaller widths or a smaller batch";
}

}  // namespace gs
