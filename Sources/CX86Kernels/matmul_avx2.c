// AVX2 build of the 8-bit matrix-product kernels (vpmaddubsw + vpmaddwd).
#if defined(__x86_64__)
#define KERNEL_TARGET "avx2,fma,f16c"
#define KERNEL_ENTRY onramp_matmul_avx2
#define KERNEL_USES_VNNI 0
#include "matmul_body.h"
#endif
