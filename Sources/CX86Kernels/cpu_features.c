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
    const int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1;
    const int avx512vnni = (c >> 11) & 1;
    // XCR0 bits 5–7: opmask registers, the upper halves of ZMM0–15, and ZMM16–31. A kernel
    // (or hypervisor) that does not save them makes AVX-512 instructions fault.
    const uint64_t zmm_state = 0xe0;
    if (avx512f && avx512bw && avx512vl && avx512vnni && (os_saved_state() & zmm_state) == zmm_state)
        features |= ONRAMP_X86_AVX512_VNNI;
    __cpuid_count(7, 1, a, b, c, d);
    if ((a >> 4) & 1) features |= ONRAMP_X86_AVX_VNNI;
    return features;
}
#else
int onramp_x86_features(void) { return 0; }
int onramp_matmul_avx2(uint32_t weight_type, const onramp_matmul_args *args) { (void)weight_type; (void)args; return 0; }
int onramp_matmul_avx_vnni(uint32_t weight_type, const onramp_matmul_args *args) { (void)weight_type; (void)args; return 0; }
int onramp_matmul_avx512_vnni(uint32_t weight_type, const onramp_matmul_args *args) { (void)weight_type; (void)args; return 0; }
#endif
