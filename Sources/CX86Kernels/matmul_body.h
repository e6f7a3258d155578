// The 8-bit matrix-product kernels, compiled once per instruction set by the including file
// (which defines KERNEL_TARGET, KERNEL_ENTRY and KERNEL_USES_VNNI).
//
// Each output y[r, b] accumulates, block by block, scale_w·scale_x·(integer dot of the block)
// into an 8-lane f32 accumulator with one fused multiply-add, then sums the lanes in a fixed
// order and adds the minimum term. Tiles of several rows and columns reuse each decoded weight
// block and each activation block, but every (r, b) pair runs exactly the same operations, so
// results never depend on the tile shape or on how rows are split between threads.
#include "CX86Kernels.h"
#include <immintrin.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target(KERNEL_TARGET))), apply_to = function)

#define INLINE static inline __attribute__((always_inline))

enum { TYPE_Q4_0 = 2, TYPE_Q4_1 = 3, TYPE_Q5_0 = 6, TYPE_Q5_1 = 7, TYPE_Q8_0 = 8 };

INLINE float half_to_float(const uint8_t *p) {
    uint16_t h;
    memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}

// 32 nibbles to 32 bytes: byte j holds the low nibble of qs[j], byte j+16 the high one.
INLINE __m256i nibbles_to_bytes(const uint8_t *qs) {
    const __m128i packed = _mm_loadu_si128((const __m128i *)qs);
    const __m256i both = _mm256_set_m128i(_mm_srli_epi16(packed, 4), packed);
    return _mm256_and_si256(both, _mm256_set1_epi8(0x0f));
}

// 32 bits to 32 bytes: 0xFF where bit j is set.
INLINE __m256i bits_to_bytes(const uint8_t *p) {
    uint32_t bits;
    memcpy(&bits, p, 4);
    const __m256i spread = _mm256_shuffle_epi8(_mm256_set1_epi32((int)bits),
        _mm256_set_epi64x(0x0303030303030303, 0x0202020202020202, 0x0101010101010101, 0));
    const __m256i select = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    return _mm256_cmpeq_epi8(_mm256_and_si256(spread, select), select);
}

// Σ of 4 adjacent unsigned×signed byte products into 8 int32 lanes. Without VNNI the 16-bit
// intermediate cannot saturate: |u| ≤ 128 and activations stay within ±127.
INLINE __m256i dot_unsigned_signed(__m256i u, __m256i s) {
#if KERNEL_USES_VNNI
    return _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), u, s);
#else
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
#endif
}

INLINE float sum_lanes(__m256 v) {
    __m128 r = _mm_add_ps(_mm256_extractf128_ps(v, 1), _mm256_castps256_ps128(v));
    r = _mm_add_ps(r, _mm_movehl_ps(r, r));
    r = _mm_add_ss(r, _mm_movehdup_ps(r));
    return _mm_cvtss_f32(r);
}

INLINE int weight_block_bytes(int type) {
    switch (type) {
    case TYPE_Q4_0: return 18;
    case TYPE_Q4_1: return 20;
    case TYPE_Q5_0: return 22;
    case TYPE_Q5_1: return 24;
    default: return 34;
    }
}

// Q4_1 and Q5_1 store unsigned codes and a minimum, paired with Q8_1 activations.
INLINE int has_minimum(int type) { return type == TYPE_Q4_1 || type == TYPE_Q5_1; }

// A decoded weight block: codes (signed types keep |code| in `codes` and the signs in `signs`
// so vpmaddubsw can take them as unsigned), scale and minimum.
typedef struct { __m256i codes; __m256i signs; float scale; float minimum; } weight_block;

INLINE weight_block decode_weights(int type, const uint8_t *b) {
    weight_block w;
    w.scale = half_to_float(b);
    w.minimum = 0;
    __m256i q;
    switch (type) {
    case TYPE_Q4_0:
        q = _mm256_sub_epi8(nibbles_to_bytes(b + 2), _mm256_set1_epi8(8));
        break;
    case TYPE_Q4_1:
        w.minimum = half_to_float(b + 2);
        q = nibbles_to_bytes(b + 4);
        break;
    case TYPE_Q5_0: // code − 16: where the fifth bit is clear, 0xF0 makes the byte negative.
        q = _mm256_or_si256(nibbles_to_bytes(b + 6), _mm256_andnot_si256(bits_to_bytes(b + 2), _mm256_set1_epi8((char)0xf0)));
        break;
    case TYPE_Q5_1:
        w.minimum = half_to_float(b + 2);
        q = _mm256_or_si256(nibbles_to_bytes(b + 8), _mm256_and_si256(bits_to_bytes(b + 4), _mm256_set1_epi8(0x10)));
        break;
    default:
        q = _mm256_loadu_si256((const __m256i *)(b + 2));
        break;
    }
    if (has_minimum(type)) {
        w.codes = q;
        w.signs = q;
    } else {
        w.codes = _mm256_sign_epi8(q, q);
        w.signs = q;
    }
    return w;
}

INLINE __m256i block_dot(int type, const weight_block *w, __m256i x) {
    if (has_minimum(type)) return dot_unsigned_signed(w->codes, x);
    return dot_unsigned_signed(w->codes, _mm256_sign_epi8(x, w->signs));
}

// R rows × C activation columns; R ≤ 4, C ≤ 4, both constants after inlining.
INLINE void tile(const int type, const int R, const int C, const onramp_matmul_args *a, int row, int column) {
    const int wbytes = weight_block_bytes(type);
    const int xbytes = has_minimum(type) ? 36 : 34;
    const int xcodes = has_minimum(type) ? 4 : 2;
    const uint8_t *w = (const uint8_t *)a->weights + (size_t)row * a->weight_row_bytes;
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes;
    __m256 acc[4][4];
    float minimums[4][4];
    for (int r = 0; r < R; r++)
        for (int c = 0; c < C; c++) {
            acc[r][c] = _mm256_setzero_ps();
            minimums[r][c] = 0;
        }
    for (int i = 0; i < a->blocks; i++) {
        weight_block wb[4];
        for (int r = 0; r < R; r++)
            wb[r] = decode_weights(type, w + (size_t)r * a->weight_row_bytes + (size_t)i * wbytes);
        for (int c = 0; c < C; c++) {
            const uint8_t *xb = x + (size_t)c * a->activation_row_bytes + (size_t)i * xbytes;
            const __m256i xq = _mm256_loadu_si256((const __m256i *)(xb + xcodes));
            const float xd = half_to_float(xb);
            const float xs = has_minimum(type) ? half_to_float(xb + 2) : 0;
            for (int r = 0; r < R; r++) {
                const __m256 products = _mm256_cvtepi32_ps(block_dot(type, &wb[r], xq));
                acc[r][c] = _mm256_fmadd_ps(_mm256_set1_ps(wb[r].scale * xd), products, acc[r][c]);
                if (has_minimum(type)) minimums[r][c] += wb[r].minimum * xs;
            }
        }
    }
    for (int r = 0; r < R; r++)
        for (int c = 0; c < C; c++)
            a->y[(size_t)(column + c) * a->y_stride + (size_t)(row + r)] = sum_lanes(acc[r][c]) + minimums[r][c];
}

// One generic walk over the output, specialised per type so every tile call has constants.
INLINE void product(const int type, const onramp_matmul_args *a) {
    int r = a->row_begin;
    if (a->batch == 1) {
        for (; r + 4 <= a->row_end; r += 4) tile(type, 4, 1, a, r, 0);
        for (; r < a->row_end; r++) tile(type, 1, 1, a, r, 0);
        return;
    }
    for (; r + 2 <= a->row_end; r += 2) {
        int c = 0;
        for (; c + 4 <= a->batch; c += 4) tile(type, 2, 4, a, r, c);
        for (; c < a->batch; c++) tile(type, 2, 1, a, r, c);
    }
    for (; r < a->row_end; r++) {
        int c = 0;
        for (; c + 4 <= a->batch; c += 4) tile(type, 1, 4, a, r, c);
        for (; c < a->batch; c++) tile(type, 1, 1, a, r, c);
    }
}

int KERNEL_ENTRY(uint32_t weight_type, const onramp_matmul_args *args) {
    switch (weight_type) {
    case TYPE_Q4_0: product(TYPE_Q4_0, args); return 1;
    case TYPE_Q4_1: product(TYPE_Q4_1, args); return 1;
    case TYPE_Q5_0: product(TYPE_Q5_0, args); return 1;
    case TYPE_Q5_1: product(TYPE_Q5_1, args); return 1;
    case TYPE_Q8_0: product(TYPE_Q8_0, args); return 1;
    default: return 0;
    }
}

#pragma clang attribute pop
