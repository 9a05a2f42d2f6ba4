// How the hand-written kernels' loops are compiled (std only). Each loop is compiled three times
// (AVX-512, AVX2 + FMA, the x86-64 baseline) and the dynamic loader picks the best this processor
// runs: the binary stays portable, the loops use the machine. Other architectures and compilers
// compile a loop once. Helpers a cloned loop calls are forced inline, so that they are compiled
// for the clone's instruction set too.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GS_KERNEL_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GS_KERNEL_CLONES
#endif

#if defined(__GNUC__)
#define GS_KERNEL_INLINE __attribute__((always_inline)) inline
#else
#define GS_KERNEL_INLINE inline
#endif
