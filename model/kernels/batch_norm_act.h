// BatchNorm followed by ReLU or LeakyReLU as one layer, written by hand for the CPU (internal:
// LibTorch). LibTorch runs the pair as three operators forward (statistics, normalisation, the
// activation) and two backward (the activation's gradient, then BatchNorm's), each a pass over
// every activation, and keeps both BatchNorm's input and the activation's output for the backward
// pass. Here the forward pass reads the input twice (statistics, then normalisation and activation
// written at once) and the backward pass reads input and gradient twice (the two sums, then the
// input's gradient), recomputing the activation's side from the input: only the input is kept.
//
// The same arithmetic as nn::BatchNorm2d in training mode (batch statistics, the running mean and
// unbiased variance moved by the momentum, num_batches_tracked counted), up to the order of the
// sums. It applies to float32 CPU activations with the channels innermost (channels-last); in
// evaluation mode, without a momentum, under autocast or elsewhere the module and LibTorch's
// activation run instead. A second derivative goes through LibTorch's own operators.
#pragma once

#include <torch/nn/modules/batchnorm.h>

namespace gs::kernels {

// slope 0: ReLU; otherwise LeakyReLU with that negative slope.
bool batch_norm_act_applies(const torch::nn::BatchNorm2dImpl& norm, const torch::Tensor& x);
torch::Tensor batch_norm_act(torch::nn::BatchNorm2dImpl& norm, const torch::Tensor& x,
                             double slope);

}  // namespace gs::kernels
