// TensorBoard's debiased exponential moving average, one value at a time (the CLI's progress bar).
#pragma once

#include <cmath>

namespace gs {

class DebiasedEma {
 public:
  explicit DebiasedEma(double weight) : weight_(weight) {}

  // Adds a value and returns the smoothed value; non-finite values pass through unchanged.
  double add(double value) {
    if (!std::isfinite(value)) return value;
    last_ = weight_ * last_ + (1 - weight_) * value;
    ++count_;
    return value_ = last_ / (1 - std::pow(weight_, count_));
  }
  double value() const { return value_; }

 private:
  double weight_;
  double last_ = 0;
  double value_ = 0;
  int count_ = 0;
};

}  // namespace gs
