// AVX2 build of the 8-bit matrix-product kernels (vpmaddubsw + vpmaddwd).
#if defined(__x86_64__)
#define KERNEL_TARGET "avx2,fma,f16c"
#define KERNEL_ENTRY onramp_matmul_avx2
#define KERNEL_DOT KERNEL_DOT_MADDUBS
#include "matmul_body.h"
#endif
