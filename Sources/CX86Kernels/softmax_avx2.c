// Attention's softmax (llama.cpp's order) 16 positions at a time: the same arithmetic, in the
// same order, as the engine's Swift twin `HalfCacheAttention.softmax`, so the bits are the
// twin's. A 16-lane chunk is held as two 8-lane halves; e^x is the twin's vector exp, the sum
// of each whole chunk is added pairwise and then into a double, and the positions after the
// last whole chunk take the C library's expf, as the twin does.
#include "CX86Kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)

#include "vector_exp_avx2.h"

void onramp_softmax_avx2(float *scores, int length, int attended) {
    // The maximum is exact in any order.
    __m256 wide = _mm256_set1_ps(-__builtin_inff());
    int t = 0;
    for (; t + 8 <= length; t += 8) wide = _mm256_max_ps(wide, _mm256_loadu_ps(scores + t));
    float lanes[8];
    _mm256_storeu_ps(lanes, wide);
    float maximum = -__builtin_inff();
    for (int i = 0; i < 8; i++) maximum = lanes[i] > maximum ? lanes[i] : maximum;
    for (; t < length; t++) maximum = scores[t] > maximum ? scores[t] : maximum;

    const __m256 shift = _mm256_set1_ps(maximum);
    double sum = 0;
    int start = 0;
    for (; start + 16 <= attended && start < length; start += 16) {
        if (start + 16 <= length) {
            const __m256 low = vector_exp(_mm256_sub_ps(_mm256_loadu_ps(scores + start), shift));
            const __m256 high = vector_exp(_mm256_sub_ps(_mm256_loadu_ps(scores + start + 8), shift));
            _mm256_storeu_ps(scores + start, low);
            _mm256_storeu_ps(scores + start + 8, high);
            sum += (double)pairwise16(low, high);
        } else {
            // The chunk the visible positions end in: masked lanes count as 0 and are not written.
            const int visible = length - start;
            float chunk[16] = {0};
            memcpy(chunk, scores + start, (size_t)visible * sizeof(float));
            __m256 low = vector_exp(_mm256_sub_ps(_mm256_loadu_ps(chunk), shift));
            __m256 high = vector_exp(_mm256_sub_ps(_mm256_loadu_ps(chunk + 8), shift));
            const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
            const __m256i limit = _mm256_set1_epi32(visible);
            low = _mm256_and_ps(low, _mm256_castsi256_ps(_mm256_cmpgt_epi32(limit, lane)));
            high = _mm256_and_ps(high, _mm256_castsi256_ps(_mm256_cmpgt_epi32(limit, _mm256_add_epi32(lane, _mm256_set1_epi32(8)))));
            _mm256_storeu_ps(chunk, low);
            _mm256_storeu_ps(chunk + 8, high);
            memcpy(scores + start, chunk, (size_t)visible * sizeof(float));
            sum += (double)pairwise16(low, high);
        }
    }
    // Whole chunks past the visible positions add only zeros; the twin's sum is unchanged by them.
    while (start + 16 <= attended) start += 16;
    for (t = start; t < length; t++) {
        const float e = expf(scores[t] - maximum);
        scores[t] = e;
        sum += (double)e;
    }
    const float inverse = (float)(1 / sum);
    const __m256 scale = _mm256_set1_ps(inverse);
    for (t = 0; t + 8 <= length; t += 8) _mm256_storeu_ps(scores + t, _mm256_mul_ps(_mm256_loadu_ps(scores + t), scale));
    for (; t < length; t++) scores[t] *= inverse;
}

#pragma clang attribute pop
#else
void onramp_softmax_avx2(float *scores, int length, int attended) {
    (void)scores; (void)length; (void)attended;
}
#endif
