// Files compiled into the library by the assembler (.incbin), so the build needs no code generator.
// The path is absolute (set by model/CMakeLists.txt, which also makes the object depend on it).
#pragma once

#define GANSTUDIO_INCBIN(symbol, file)     \
  __asm__(                                 \
      ".section .rodata\n"                 \
      ".global " #symbol                   \
      "_begin\n"                           \
      ".balign 16\n" #symbol               \
      "_begin:\n"                          \
      ".incbin \"" file "\"\n" #symbol     \
      "_end:\n"                            \
      ".byte 0\n"                          \
      ".balign 8\n"                        \
      ".global " #symbol "_size\n" #symbol \
      "_size:\n"                           \
      ".quad " #symbol "_end - " #symbol   \
      "_begin\n"                           \
      ".previous\n");                      \
  extern "C" const char symbol##_begin[];  \
  extern "C" const unsigned long long symbol##_size;

// The file's bytes (without the terminating zero); the assembler counted them, so no pointers
// into two different objects are subtracted.
#define GANSTUDIO_INCBIN_VIEW(symbol) \
  std::string_view(symbol##_begin, static_cast<size_t>(symbol##_size))
