// Files compiled into the library by the assembler (.incbin), so the build needs no code generator.
// The path is absolute (set by model/CMakeLists.txt, which also makes the object depend on it).
#pragma once

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

// The bytes between the symbols GANSTUDIO_INCBIN defined (without the terminating zero).
#define GANSTUDIO_INCBIN_VIEW(symbol) \
  std::string_view(symbol##_begin, static_cast<size_t>(symbol##_end - symbol##_begin))
