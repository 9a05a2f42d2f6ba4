#include "model/data/embedded_digits.h"

#include "model/io/incbin.h"

// GANSTUDIO_DIGITS_IMAGES / GANSTUDIO_DIGITS_LABELS: absolute paths from model/CMakeLists.txt.
GANSTUDIO_INCBIN(ganstudio_digit_images, GANSTUDIO_DIGITS_IMAGES)
GANSTUDIO_INCBIN(ganstudio_digit_labels, GANSTUDIO_DIGITS_LABELS)

namespace gs {

std::string_view embedded_digit_images_gz() {
  return GANSTUDIO_INCBIN_VIEW(ganstudio_digit_images);
}

std::string_view embedded_digit_labels_gz() {
  return GANSTUDIO_INCBIN_VIEW(ganstudio_digit_labels);
}

}  // namespace gs
