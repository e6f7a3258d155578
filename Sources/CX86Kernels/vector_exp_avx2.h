// The vector e^x and lane sums the x86 kernels share, each the exact arithmetic of its Swift
// twin: `VectorExp.exp` (fused multiply-adds rounded once, 2^n applied in the steps Swift's
// Float(sign:exponent:significand:) takes) and `LaneSum.pairwise`.
// Include it after the file's `#pragma clang attribute push` of the AVX2/FMA/F16C target.
#ifndef ONRAMP_VECTOR_EXP_AVX2_H
#define ONRAMP_VECTOR_EXP_AVX2_H
#include <immintrin.h>

#define INLINE static inline __attribute__((always_inline))

// a·b + c rounded once: the twin's `VectorExp.fused` gives the same bits.
INLINE __m256 fused(__m256 a, __m256 b, __m256 c) { return _mm256_fmadd_ps(a, b, c); }

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

/// `LaneSum.pairwise` of a 16-lane vector held as two halves (lanes 0–7, 8–15): lanes j and
/// j+8, then j and j+4, then (0+2)+(1+3).
INLINE float pairwise16(__m256 low, __m256 high) {
    float e[8];
    _mm256_storeu_ps(e, _mm256_add_ps(low, high));
    const float q0 = e[0] + e[4], q1 = e[1] + e[5], q2 = e[2] + e[6], q3 = e[3] + e[7];
    return (q0 + q2) + (q1 + q3);
}

#endif
