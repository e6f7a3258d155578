// AVX-512 VNNI build of the 8-bit matrix-product kernels: vpdpbusd in its EVEX form on YMM
// registers (AVX512-VNNI with AVX512-VL), the instruction llama.cpp's AVX-512 build uses, for
// CPUs such as AMD Zen 4 that have AVX-512 VNNI but not AVX-VNNI.
#if defined(__x86_64__)
#define KERNEL_TARGET "avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni"
#define KERNEL_ENTRY onramp_matmul_avx512_vnni
#define KERNEL_DOT KERNEL_DOT_AVX512_VNNI
#include "matmul_body.h"
#endif
