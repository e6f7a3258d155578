// The gated activation silu(gate)·up of llama-shaped models, 8 values at a time, with the
// arithmetic of the engine's Swift twin (SwiGLU.apply over VectorExp.exp) step for step (the
// shared vector exp in vector_exp_avx2.h), so the bits are the twin's.
#if defined(__x86_64__)
#include "CX86Kernels.h"
#include <immintrin.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)

#include "vector_exp_avx2.h"

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
