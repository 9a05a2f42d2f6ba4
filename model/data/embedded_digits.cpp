#include "model/data/embedded_digits.h"

// The two files are pulled in by the assembler (.incbin), so the build needs no code generator.
// GANSTUDIO_DIGITS_IMAGES / GANSTUDIO_DIGITS_LABELS are absolute paths set by model/CMakeLists.txt,
// which also makes this object depend on the files.
#define GANSTUDIO_INCBIN(symbol, file)    \
  __asm__(                                \
      ".section .rodata\n"                \
      ".global " #symbol                  \
      "_begin\n"                          \
      ".balign 16\n" #symbol              \
      "_begin:\n"                         \
      ".incbin \"" file                   \
      "\"\n"                              \
      ".global " #symbol "_end\n" #symbol \
      "_end:\n"                           \
      ".byte 0\n"                         \
      ".previous\n");                     \
  extern "C" const char symbol##_begin[]; \
  extern "C" const char symbol##_end[];

GANSTUDIO_INCBIN(ganstudio_digit_images, GANSTUDIO_DIGITS_IMAGES)
GANSTUDIO_INCBIN(ganstudio_digit_labels, GANSTUDIO_DIGITS_LABELS)

namespace gs {

std::string_view embedded_digit_images_gz() {
  return {ganstudio_digit_images_begin,
          static_cast<size_t>(ganstudio_digit_images_end - ganstudio_digit_images_begin)};
}

std::string_view embedded_digit_labels_gz() {
  return {ganstudio_digit_labels_begin,
          static_cast<size_t>(ganstudio_digit_labels_end - ganstudio_digit_labels_begin)};
}

}  // namespace gs
