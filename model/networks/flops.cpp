#include "model/networks/flops.h"

#include "model/data/image_set.h"

namespace gs {

namespace {

// Convolution: output pixels x in x out x k x k multiply-accumulates; transposed convolution: the
// same counted over input pixels.
double conv(double pixels, double in, double out, double kernel) {
  return 2.0 * pixels * in * out * kernel * kernel;
}

}  // namespace

namespace {

// Layers computed as stated execute their stated cost.
std::vector<LayerCost> with_executed(std::vector<LayerCost> costs) {
  for (auto& cost : costs) {
    if (cost.executed_flops == 0) cost.executed_flops = cost.forward_flops;
  }
  return costs;
}

}  // namespace

std::vector<LayerCost> generator_costs(const ModelConfig& resolved) {
  const auto& w = resolved.g_widths;
  const double nz = resolved.noise_dim;
  if (*resolved.preset == Preset::Seed) {
    constexpr double kFolded = 9.0 / 25.0;  // taps per output pixel, folded / literal
    return with_executed(
        {{"dense", 2.0 * nz * 7 * 7 * w[0]},
         {"conv1 (14x14)", conv(14 * 14, w[0], w[1], 5), kFolded * conv(14 * 14, w[0], w[1], 5)},
         {"conv2 (28x28)", conv(28 * 28, w[1], w[2], 5), kFolded * conv(28 * 28, w[1], w[2], 5)},
         {"conv3 (28x28)", conv(28 * 28, w[2], w[3], 5)},
         {"conv_out (28x28)", conv(28 * 28, w[3], 1, 5)}});
  }
  return with_executed({{"up1 (1->4)", conv(1, nz, w[0], 4)},
                        {"up2 (4->7)", conv(4 * 4, w[0], w[1], 3)},
                        {"up3 (7->14)", conv(7 * 7, w[1], w[2], 4)},
                        {"up_out (14->28)", conv(14 * 14, w[2], 1, 4)}});
}

std::vector<LayerCost> discriminator_costs(const ModelConfig& resolved) {
  const auto& w = resolved.d_widths;
  if (*resolved.preset == Preset::Seed) {
    return with_executed({{"conv1 (14x14)", conv(14 * 14, 1, w[0], 5)},
                          {"conv2 (7x7)", conv(7 * 7, w[0], w[1], 5)},
                          {"conv3 (4x4)", conv(4 * 4, w[1], w[2], 5)},
                          {"conv4 (4x4)", conv(4 * 4, w[2], w[3], 5)},
                          {"dense", 2.0 * 4 * 4 * w[3]}});
  }
  return with_executed({{"conv1 (14x14)", conv(14 * 14, 1, w[0], 4)},
                        {"conv2 (7x7)", conv(7 * 7, w[0], w[1], 4)},
                        {"conv3 (3x3)", conv(3 * 3, w[1], w[2], 4)},
                        {"conv_out (1x1)", conv(1, w[2], 1, 3)}});
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

}  // namespace gs
