// TensorBoard's debiased exponential moving average, one value at a time. The one implementation
// of the formula: the window's charts (ui/training/smoothing.h) and the CLI's progress line use it.
//   last = 0; n = 0; for each finite y: last = w*last + (1-w)*y; n += 1; smoothed = last / (1 -
//   w^n)
// Non-finite values pass through unchanged and do not count; a constant series stays constant.
// Header-only and std-only (model/core): ui/ and model/ both include it.
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
    debias_ *= weight_;
    return value_ = last_ / (1 - debias_);
  }
  // The newest smoothed value (0 before the first finite value).
  double value() const { return value_; }
  double weight() const { return weight_; }
  // Forgets every value; with a new weight when given.
  void reset() { *this = DebiasedEma(weight_); }
  void reset(double weight) { *this = DebiasedEma(weight); }

 private:
  double weight_;
  double last_ = 0;
  double debias_ = 1;  // w^n
  double value_ = 0;
};

}  // namespace gs
