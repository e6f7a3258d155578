// The gated activation silu(gate)·up of llama-shaped models, 8 values at a time, with the
// arithmetic of the engine's Swift twin (SwiGLU.apply over VectorExp.exp) step for step: each
// fused multiply-add is a double product and sum rounded to float, and 2^n is applied in the
// steps Swift's Float(sign:exponent:significand:) takes, so the bits are the twin's.
#if defined(__x86_64__)
#include "CX86Kernels.h"
#include <immintrin.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)

#define INLINE static inline __attribute__((always_inline))

// Float(Double(a)·Double(b) + Double(c)) in each lane.
INLINE __m256 fused(__m256 a, __m256 b, __m256 c) {
    const __m256d low = _mm256_add_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(a)), _mm256_cvtps_pd(_mm256_castps256_ps128(b))),
                                      _mm256_cvtps_pd(_mm256_castps256_ps128(c)));
    const __m256d high = _mm256_add_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(a, 1)), _mm256_cvtps_pd(_mm256_extractf128_ps(b, 1))),
                                       _mm256_cvtps_pd(_mm256_extractf128_ps(c, 1)));
    return _mm256_set_m128(_mm256_cvtpd_ps(high), _mm256_cvtpd_ps(low));
}

// 2^n for integer n in [-126, 127].
INLINE __m256 power_of_two(__m256i n) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}

// VectorExp.exp in each lane.
INLINE __m256 vector_exp(__m256 x) {
    const __m256 shifter = _mm256_set1_ps(0x1.8p23f);
    const __m256 z = fused(x, _mm256_set1_ps(0x1.715476p+0f), shifter);
    const __m256 n = _mm256_sub_ps(z, shifter);
    const __m256 minus_n = _mm256_sub_ps(_mm256_setzero_ps(), n);
    const __m256 b = fused(minus_n, _mm256_set1_ps(0x1.7f7d1cp-20f), fused(minus_n, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256 u = _mm256_mul_ps(b, b);
    const __m256 high = fused(_mm256_set1_ps(0x1.0e4020p-7f), b, _mm256_set1_ps(0x1.573e2ep-5f));
    const __m256 middle = fused(_mm256_set1_ps(0x1.555e66p-3f), b, _mm256_set1_ps(0x1.fffdb6p-2f));
    const __m256 low = fused(_mm256_set1_ps(0x1.ffffecp-1f), b, _mm256_set1_ps(1));
    __m256 result = fused(fused(high, u, middle), u, low);
    // j·2^n as Swift scales it: below 2^-126 first by 2^-126, above 2^127 first by 2^127.
    __m256i exponent = _mm256_cvtps_epi32(n);
    const __m256i below = _mm256_cmpgt_epi32(_mm256_set1_epi32(-126), exponent);
    const __m256i above = _mm256_cmpgt_epi32(exponent, _mm256_set1_epi32(127));
    result = _mm256_blendv_ps(result, _mm256_mul_ps(result, _mm256_set1_ps(0x1p-126f)), _mm256_castsi256_ps(below));
    result = _mm256_blendv_ps(result, _mm256_mul_ps(result, _mm256_set1_ps(0x1p127f)), _mm256_castsi256_ps(above));
    exponent = _mm256_add_epi32(exponent, _mm256_and_si256(below, _mm256_set1_epi32(126)));
    exponent = _mm256_sub_epi32(exponent, _mm256_and_si256(above, _mm256_set1_epi32(127)));
    result = _mm256_mul_ps(result, power_of_two(exponent));
    // |n| > 192: infinity or zero; NaN: x itself.
    const __m256 magnitude = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), n);
    const __m256 out_of_range = _mm256_cmp_ps(magnitude, _mm256_set1_ps(192), _CMP_GT_OQ);
    const __m256 limit = _mm256_and_ps(_mm256_cmp_ps(n, _mm256_setzero_ps(), _CMP_GT_OQ), _mm256_set1_ps(__builtin_inff()));
    result = _mm256_blendv_ps(result, limit, out_of_range);
    return _mm256_blendv_ps(result, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

INLINE __m256 swiglu8(__m256 g, __m256 up) {
    const __m256 e = vector_exp(_mm256_sub_ps(_mm256_setzero_ps(), g));
    return _mm256_mul_ps(_mm256_div_ps(g, _mm256_add_ps(_mm256_set1_ps(1), e)), up);
}

void onramp_swiglu_avx2(float *gate, const float *up, int count) {
    int i = 0;
    for (; i + 8 <= count; i += 8)
        _mm256_storeu_ps(gate + i, swiglu8(_mm256_loadu_ps(gate + i), _mm256_loadu_ps(up + i)));
    if (i < count) {
        float g[8] = {0}, u[8] = {0};
        memcpy(g, gate + i, (size_t)(count - i) * 4);
        memcpy(u, up + i, (size_t)(count - i) * 4);
        _mm256_storeu_ps(g, swiglu8(_mm256_loadu_ps(g), _mm256_loadu_ps(u)));
        memcpy(gate + i, g, (size_t)(count - i) * 4);
    }
}

#pragma clang attribute pop
#endif
