// AVX-VNNI build of the 8-bit matrix-product kernels (vpdpbusd).
#if defined(__x86_64__)
#define KERNEL_TARGET "avx2,fma,f16c,avxvnni"
#define KERNEL_ENTRY onramp_matmul_avx_vnni
#define KERNEL_DOT KERNEL_DOT_AVX_VNNI
#include "matmul_body.h"
#endif
