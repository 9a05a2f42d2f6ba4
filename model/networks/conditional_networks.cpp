#include "model/networks/conditional_networks.h"

#include <torch/nn/modules/embedding.h>

#include "model/io/error.h"
#include "model/networks/network_layers.h"

namespace gs {

namespace {

using namespace layers;

// A conditional generator: the label, one-hot, joins z (an identity embedding), so the inner
// generator takes noise_dim + classes inputs.
class ConditionalGenerator : public Network {
 public:
  ConditionalGenerator(std::shared_ptr<Network> inner, int classes)
      : inner_(register_module("net", std::move(inner))), classes_(classes) {}

  torch::Tensor forward(const torch::Tensor&) override {
    throw Error("internal: a conditional generator needs class labels");
  }
  // `labels`: classes [B] (int64), or class weights [B, classes] (floats: a one-hot row, or a
  // mixture of classes, for interpolating between them).
  torch::Tensor conditioned(const torch::Tensor& z, const torch::Tensor& labels) override {
    const auto code = labels.is_floating_point() ? labels.to(z.dtype())
                                                 : F::one_hot(labels, classes_).to(z.dtype());
    return inner_->forward(torch::cat({z, code}, 1));
  }
  int classes() const override { return classes_; }
  Network& inner() { return *inner_; }
  void set_block_tap(BlockTap tap) override { inner_->set_block_tap(std::move(tap)); }

 private:
  std::shared_ptr<Network> inner_;
  int classes_;
};

// A projection discriminator (Miyato & Koyama 2018): D(x, y) = head(phi(x)) + <embed(y), phi(x)>.
class ProjectionDiscriminator : public Network {
 public:
  ProjectionDiscriminator(std::shared_ptr<DiscriminatorNetwork> inner, int classes)
      : inner_(register_module("net", std::move(inner))), classes_(classes) {
    embed_ = register_module("embed", nn::Embedding(classes, inner_->feature_dim()));
  }

  torch::Tensor forward(const torch::Tensor&) override {
    throw Error("internal: a conditional discriminator needs class labels");
  }
  torch::Tensor conditioned(const torch::Tensor& images, const torch::Tensor& labels) override {
    const torch::Tensor phi = inner_->features(images);
    const torch::Tensor projection =
        (embed_->forward(labels).to(phi.dtype()) * phi.flatten(1)).sum(1, /*keepdim=*/true);
    return inner_->head(phi) + projection;
  }
  int classes() const override { return classes_; }

 private:
  std::shared_ptr<DiscriminatorNetwork> inner_;
  nn::Embedding embed_{nullptr};
  int classes_;
};

}  // namespace

std::shared_ptr<Network> make_conditional_generator(std::shared_ptr<Network> inner, int classes) {
  return std::make_shared<ConditionalGenerator>(std::move(inner), classes);
}

std::shared_ptr<Network> make_projection_discriminator(std::shared_ptr<DiscriminatorNetwork> inner,
                                                       int classes) {
  return std::make_shared<ProjectionDiscriminator>(std::move(inner), classes);
}

Network* conditional_inner(Network& generator) {
  auto* conditional = dynamic_cast<ConditionalGenerator*>(&generator);
  return conditional ? &conditional->inner() : nullptr;
}
}  // namespace gs
