// AVX2 conversion of f32 activations to Q8_0/Q8_1/Q8_K blocks, bit-identical to the portable
// Swift quantiser for finite inputs (the tests compare them).
#include "CX86Kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)

static inline float max_abs_32(const float *x) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 m = _mm256_andnot_ps(sign, _mm256_loadu_ps(x));
    for (int k = 8; k < 32; k += 8) m = _mm256_max_ps(m, _mm256_andnot_ps(sign, _mm256_loadu_ps(x + k)));
    __m128 r = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
    r = _mm_max_ps(r, _mm_movehl_ps(r, r));
    r = _mm_max_ss(r, _mm_movehdup_ps(r));
    return _mm_cvtss_f32(r);
}

// 32 values times `scale`, rounded to nearest even, as 32 bytes in order; their sum in `sum`.
static inline __m256i codes_32(const float *x, float scale, int *sum) {
    const __m256 s = _mm256_set1_ps(scale);
    __m256i v[4];
    for (int k = 0; k < 4; k++) {
        const __m256 scaled = _mm256_round_ps(_mm256_mul_ps(_mm256_loadu_ps(x + 8 * k), s), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        v[k] = _mm256_cvtps_epi32(scaled);
    }
    const __m256i total = _mm256_add_epi32(_mm256_add_epi32(v[0], v[1]), _mm256_add_epi32(v[2], v[3]));
    __m128i t = _mm_add_epi32(_mm256_castsi256_si128(total), _mm256_extracti128_si256(total, 1));
    t = _mm_add_epi32(t, _mm_unpackhi_epi64(t, t));
    t = _mm_add_epi32(t, _mm_shuffle_epi32(t, 1));
    *sum = _mm_cvtsi128_si32(t);
    // Packing works within 128-bit halves; the permutation restores element order.
    const __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(v[0], v[1]), _mm256_packs_epi32(v[2], v[3]));
    return _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

void onramp_quantize_q8_avx2(const float *x, int count, void *out, int with_sum) {
    uint8_t *block = (uint8_t *)out;
    const int block_bytes = with_sum ? ONRAMP_Q8_1_BYTES : ONRAMP_Q8_0_BYTES;
    for (int i = 0; i < count / 32; i++, x += 32, block += block_bytes) {
        const float amax = max_abs_32(x);
        const float d = amax / 127.0f;
        const float inverse = amax != 0.0f ? 127.0f / amax : 0.0f;
        const uint16_t dh = _cvtss_sh(d, _MM_FROUND_TO_NEAREST_INT);
        memcpy(block, &dh, 2);
        int sum;
        const __m256i codes = codes_32(x, inverse, &sum);
        _mm256_storeu_si256((__m256i *)(block + (with_sum ? 4 : 2)), codes);
        if (with_sum) {
            const uint16_t sh = _cvtss_sh(d * (float)sum, _MM_FROUND_TO_NEAREST_INT);
            memcpy(block + 2, &sh, 2);
        }
    }
}

void onramp_quantize_q8_k_avx2(const float *x, int count, void *out) {
    uint8_t *block = (uint8_t *)out;
    for (int i = 0; i < count / 256; i++, x += 256, block += ONRAMP_Q8_K_BYTES) {
        float amax = 0;
        for (int k = 0; k < 256; k += 32) {
            const float m = max_abs_32(x + k);
            if (m > amax) amax = m;
        }
        if (!(amax > 0)) { // all zero (or NaN): a zero block contributes nothing
            memset(block, 0, ONRAMP_Q8_K_BYTES);
            continue;
        }
        // The signed value of largest magnitude, first occurrence, maps to exactly −127.
        float extreme = 0;
        for (int k = 0; k < 256; k++) {
            if (fabsf(x[k]) == amax) { extreme = x[k]; break; }
        }
        const float inverse = -127.0f / extreme;
        const float d = 1.0f / inverse;
        memcpy(block, &d, 4);
        int16_t sums[16];
        for (int k = 0; k < 8; k++) {
            int ignored;
            const __m256i codes = codes_32(x + 32 * k, inverse, &ignored);
            _mm256_storeu_si256((__m256i *)(block + 4 + 32 * k), codes);
            // Sums of 16 codes: widen to 16 bits and add adjacent pairs down to two lanes.
            const __m256i wide0 = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(codes));
            const __m256i wide1 = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(codes, 1));
            int16_t lanes[32];
            _mm256_storeu_si256((__m256i *)lanes, wide0);
            _mm256_storeu_si256((__m256i *)(lanes + 16), wide1);
            for (int g = 0; g < 2; g++) {
                int16_t s = 0;
                for (int j = 0; j < 16; j++) s += lanes[16 * g + j];
                sums[2 * k + g] = s;
            }
        }
        memcpy(block + 260, sums, sizeof sums);
    }
}

void onramp_convert_f16_avx2(const float *x, int count, void *out) {
    uint16_t *h = (uint16_t *)out;
    int i = 0;
    for (; i + 8 <= count; i += 8)
        _mm_storeu_si128((__m128i *)(h + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < count; i++) h[i] = _cvtss_sh(x[i], _MM_FROUND_TO_NEAREST_INT);
}

#pragma clang attribute pop
#else
void onramp_convert_f16_avx2(const float *x, int count, void *out) { (void)x; (void)count; (void)out; }
void onramp_quantize_q8_avx2(const float *x, int count, void *out, int with_sum) { (void)x; (void)count; (void)out; (void)with_sum; }
void onramp_quantize_q8_k_avx2(const float *x, int count, void *out) { (void)x; (void)count; (void)out; }
#endif
