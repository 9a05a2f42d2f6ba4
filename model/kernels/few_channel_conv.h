// Convolutions with one to four channels on one side, written by hand for the CPU (internal:
// LibTorch). oneDNN, behind LibTorch's convolutions, runs the compact networks' middle layers at
// most of the machine's peak but the layers that meet the image at a fifth of it: D's first
// convolution (one channel in) and G's last transposed convolution (one channel out), in every
// step, forward and backward. Here each pixel's whole window meets the weights as one small
// matrix-vector product over the many-channel side, which lies innermost in memory (channels-last),
// so the loops run on the vector units; the batch is split among threads.
//
// Both functions take and return [N, C, H, W] float32 CPU tensors, are differentiable in the input
// and the weight (a second derivative goes through LibTorch's own layers), and give LibTorch's
// results up to the order of the sums. `applies` says when they can be used; callers fall back to
// LibTorch's layers otherwise (other types, devices, autocast, larger windows).
#pragma once

#include <torch/types.h>

#include <cstdint>

namespace gs::kernels {

// conv2d(x, weight, no bias, stride, padding) then LeakyReLU(slope), slope > 0. x: [N, Cin, H, W]
// with Cin <= 4; weight [Cout, Cin, k, k]. The result has its channels innermost.
bool conv_leaky_applies(const torch::Tensor& x, const torch::Tensor& weight);
torch::Tensor conv_leaky(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                         int64_t padding, double slope);

// conv_transpose2d(x, weight, no bias, stride, padding, no output padding). x: [N, Cin, H, W];
// weight [Cin, Cout, k, k] with Cout <= 4. The result has its channels innermost.
bool conv_transpose_applies(const torch::Tensor& x, const torch::Tensor& weight);
torch::Tensor conv_transpose(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                             int64_t padding);

}  // namespace gs::kernels
