// Attention over an f16 KV cache with F16C conversions: the same arithmetic, in the same order,
// as the engine's portable Swift twin (`HalfCacheAttention`), which is llama.cpp's order. A
// 16-lane Swift vector is held here as two 8-lane halves (lanes 0–7, 8–15); every step is
// lane-wise, so the halves give the same sums. Products of two f16 values are exact in float,
// so a fused multiply-add equals the twin's multiply-then-add.
#include "CX86Kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)

#include "vector_exp_avx2.h"

static inline __m256 load_half8(const uint16_t *p) {
    return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
}

static inline __m256 round_half8(__m256 x) {
    return _mm256_cvtph_ps(_mm256_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT));
}

static inline float round_half(float x) {
    return _cvtsh_ss(_cvtss_sh(x, _MM_FROUND_TO_NEAREST_INT));
}

void onramp_half_scores_avx2(const float *query, const uint16_t *keys, int length, int head_size, size_t stride,
                             float scale, int four_accumulators, float *scores) {
    const int chunks = head_size / 16;
    __m256 q[64];  // head_size / 8 halves; head sizes up to 512
    for (int i = 0; i < 2 * chunks; i++) q[i] = round_half8(_mm256_loadu_ps(query + 8 * i));
    const int four = four_accumulators && chunks % 4 == 0;
    for (int t = 0; t < length; t++) {
        const uint16_t *key = keys + (size_t)t * stride;
        __m256 low, high;
        if (four) {
            __m256 a[8];
            for (int i = 0; i < 8; i++) a[i] = _mm256_setzero_ps();
            for (int c = 0; c < chunks; c += 4) {
                for (int k = 0; k < 4; k++) {
                    const int n = c + k;
                    a[2 * k] = _mm256_fmadd_ps(q[2 * n], load_half8(key + 16 * n), a[2 * k]);
                    a[2 * k + 1] = _mm256_fmadd_ps(q[2 * n + 1], load_half8(key + 16 * n + 8), a[2 * k + 1]);
                }
            }
            low = _mm256_add_ps(_mm256_add_ps(a[0], a[4]), _mm256_add_ps(a[2], a[6]));
            high = _mm256_add_ps(_mm256_add_ps(a[1], a[5]), _mm256_add_ps(a[3], a[7]));
        } else {
            low = _mm256_mul_ps(q[0], load_half8(key));
            high = _mm256_mul_ps(q[1], load_half8(key + 8));
            for (int c = 1; c < chunks; c++) {
                low = _mm256_fmadd_ps(q[2 * c], load_half8(key + 16 * c), low);
                high = _mm256_fmadd_ps(q[2 * c + 1], load_half8(key + 16 * c + 8), high);
            }
        }
        scores[t] = pairwise16(low, high) * scale;
    }
}

void onramp_half_weighted_sum_avx2(float *weights, const uint16_t *values, int length, int attended, int head_size,
                                   size_t stride, float *lanes, float *output) {
    for (int t = 0; t < length; t++) weights[t] = round_half(weights[t]);
    const int whole_lanes = attended % 16 == 0;
    const int groups = whole_lanes ? 1 : 4;
    const int vector_end = whole_lanes ? attended : attended & ~63;
    const size_t count = (size_t)16 * head_size;
    memset(lanes, 0, groups * count * sizeof(float));
    int end = length < vector_end ? length : vector_end;
    if (end < 0) end = 0;
    for (int t = 0; t < end; t++) {
        const __m256 w = _mm256_set1_ps(weights[t]);
        const uint16_t *value = values + (size_t)t * stride;
        const int group = groups == 1 ? 0 : (t / 16) % 4;
        float *lane = lanes + (size_t)(group * 16 + t % 16) * head_size;
        for (int d = 0; d < head_size; d += 8)
            _mm256_storeu_ps(lane + d, _mm256_fmadd_ps(w, load_half8(value + d), _mm256_loadu_ps(lane + d)));
    }
    if (groups == 4) {
        for (size_t i = 0; i < count; i += 8) {
            _mm256_storeu_ps(lanes + i, _mm256_add_ps(_mm256_loadu_ps(lanes + i), _mm256_loadu_ps(lanes + 2 * count + i)));
            _mm256_storeu_ps(lanes + count + i,
                             _mm256_add_ps(_mm256_loadu_ps(lanes + count + i), _mm256_loadu_ps(lanes + 3 * count + i)));
        }
        for (size_t i = 0; i < count; i += 8)
            _mm256_storeu_ps(lanes + i, _mm256_add_ps(_mm256_loadu_ps(lanes + i), _mm256_loadu_ps(lanes + count + i)));
    }
    for (int width = 8; width >= 1; width /= 2) {
        for (int j = 0; j < width; j++) {
            float *low = lanes + (size_t)j * head_size;
            const float *high = lanes + (size_t)(j + width) * head_size;
            for (int d = 0; d < head_size; d += 8)
                _mm256_storeu_ps(low + d, _mm256_add_ps(_mm256_loadu_ps(high + d), _mm256_loadu_ps(low + d)));
        }
    }
    memcpy(output, lanes, (size_t)head_size * sizeof(float));
    if (whole_lanes || length <= vector_end) return;
    for (int d = 0; d < head_size; d++) {
        double sum = output[d];
        for (int t = vector_end; t < length; t++)
            sum += (double)(weights[t] * _cvtsh_ss(values[(size_t)t * stride + d]));
        output[d] = (float)sum;
    }
}

#pragma clang attribute pop
#else
void onramp_half_scores_avx2(const float *query, const uint16_t *keys, int length, int head_size, size_t stride,
                             float scale, int four_accumulators, float *scores) {
    (void)query; (void)keys; (void)length; (void)head_size; (void)stride; (void)scale; (void)four_accumulators; (void)scores;
}
void onramp_half_weighted_sum_avx2(float *weights, const uint16_t *values, int length, int attended, int head_size,
                                   size_t stride, float *lanes, float *output) {
    (void)weights; (void)values; (void)length; (void)attended; (void)head_size; (void)stride; (void)lanes; (void)output;
}
#endif
