// x86 SIMD matrix-product kernels for quantised weights, and the CPU feature check that must
// pass before any of them is called (they use instructions older CPUs do not have).
#ifndef ONRAMP_CX86KERNELS_H
#define ONRAMP_CX86KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "onramp_tensor_types.h"

/// Bits of `onramp_x86_features`.
enum {
    ONRAMP_X86_AVX2 = 1,      // AVX2, FMA and F16C, with the OS saving YMM registers
    ONRAMP_X86_AVX_VNNI = 2,  // AVX-VNNI (vpdpbusd on YMM registers)
    ONRAMP_X86_AVX512_VNNI = 4, // AVX-512 F, BW, VL and VNNI, with the OS saving ZMM and mask state
};

/// What this CPU and OS support, as ONRAMP_X86_* bits; 0 on other architectures.
int onramp_x86_features(void);

/// One matrix product: for r in [row_begin, row_end) and b in [0, batch):
/// y[b * y_stride + r] = Σ W[r, ·]·x[b, ·], with W rows `weight_row_bytes` apart holding
/// `blocks` blocks of ggml type `weight_type`, and x rows `activation_row_bytes` apart in the
/// paired 8-bit format (Q8_0 or Q8_1). Each result depends only on its own row and column.
typedef struct {
    const void *weights;
    size_t weight_row_bytes;
    int blocks;
    const void *activations;
    size_t activation_row_bytes;
    int batch;
    int row_begin;
    int row_end;
    float *y;
    size_t y_stride;
} onramp_matmul_args;

/// Return 1 when the product was computed, 0 when `weight_type` has no kernel here.
/// Call only when onramp_x86_features() has the matching bit.
int onramp_matmul_avx2(uint32_t weight_type, const onramp_matmul_args *args);
int onramp_matmul_avx_vnni(uint32_t weight_type, const onramp_matmul_args *args);
int onramp_matmul_avx512_vnni(uint32_t weight_type, const onramp_matmul_args *args);

/// Activation rows to 8-bit blocks, rounding exactly as the engine's portable Swift quantiser
/// (scale = max|x|/127 stored as f16, codes rounded to nearest even): `count` values from `x`
/// to Q8_0 blocks (`with_sum` 0) or Q8_1 blocks (`with_sum` 1) at `out`. Needs ONRAMP_X86_AVX2.
void onramp_quantize_q8_avx2(const float *x, int count, void *out, int with_sum);

/// `count` values from `x` to f16 (nearest, ties to even) at `out`. Needs ONRAMP_X86_AVX2.
void onramp_convert_f16_avx2(const float *x, int count, void *out);

/// `count` values from `x` to Q8_K blocks (f32 scale, codes, per-16 sums), as ggml's reference.
/// Needs ONRAMP_X86_AVX2.
void onramp_quantize_q8_k_avx2(const float *x, int count, void *out);

/// gate[i] = silu(gate[i]) · up[i] for `count` values (swiglu_avx2.c), the bits of the engine's
/// Swift twin `SwiGLU.apply`. Needs ONRAMP_X86_AVX2.
void onramp_swiglu_avx2(float *gate, const float *up, int count);

/// Attention over an f16 KV cache (half_attention_avx2.c), in the order of the engine's Swift
/// twin `HalfCacheAttention`. Needs ONRAMP_X86_AVX2 (F16C and FMA).
/// Scores of one query head (`head_size` floats, a multiple of 16, at most 512; rounded to f16
/// here) against `length` keys `stride` f16 values apart: scores[t] = q·k[t] × scale. With
/// `four_accumulators` (one query in the batch) ggml's f16 dot product order is used.
void onramp_half_scores_avx2(const float *query, const uint16_t *keys, int length, int head_size, size_t stride,
                             float scale, int four_accumulators, float *scores);
/// Softmax of `scores[0..<length]` in a row of `attended` positions (softmax_avx2.c), the bits
/// of the engine's Swift twin `HalfCacheAttention.softmax`. Needs ONRAMP_X86_AVX2.
void onramp_softmax_avx2(float *scores, int length, int attended);
/// output = Σ weights[t] × values[t] over `length` positions of a row of `attended`; the weights
/// are rounded to f16 in place first. `lanes` is scratch for 64 × head_size floats.
void onramp_half_weighted_sum_avx2(float *weights, const uint16_t *values, int length, int attended, int head_size,
                                   size_t stride, float *lanes, float *output);

#endif
