// Run-time CPU feature detection with CPUID and XGETBV: the kernels compiled for newer
// instruction sets are entered only when both the CPU and the OS support them.
#include "CX86Kernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

static uint64_t os_saved_state(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}

int onramp_x86_features(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, f16c = (c >> 29) & 1;
    // Without OS support for YMM state, AVX instructions fault even on a CPU that has them.
    if (!osxsave || !avx || (os_saved_state() & 6) != 6) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    const int avx2 = (b >> 5) & 1;
    if (!(avx2 && fma && f16c)) return 0;
    int features = ONRAMP_X86_AVX2;
    __cpuid_count(7, 1, a, b, c, d);
    if ((a >> 4) & 1) features |= ONRAMP_X86_AVX_VNNI;
    return features;
}
#else
int onramp_x86_features(void) { return 0; }
int onramp_matmul_avx2(uint32_t weight_type, const onramp_matmul_args *args) { (void)weight_type; (void)args; return 0; }
int onramp_matmul_avx_vnni(uint32_t weight_type, const onramp_matmul_args *args) { (void)weight_type; (void)args; return 0; }
#endif
