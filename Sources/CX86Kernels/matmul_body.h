// The 8-bit matrix-product kernels, compiled once per instruction set by the including file
// (which defines KERNEL_TARGET, KERNEL_ENTRY and KERNEL_DOT, one of the KERNEL_DOT_* below).
//
// Each output y[r, b] accumulates, block by block, scale_w·scale_x·(integer dot of the block)
// into an 8-lane f32 accumulator with one fused multiply-add, then sums the lanes in a fixed
// order and adds the minimum terms, summed block by block: the arithmetic of llama.cpp's x86
// vec_dot kernels, so products agree with llama.cpp's to the last bit. Tiles of several rows
// and columns reuse each decoded weight block and each activation block, but every (r, b) pair
// runs exactly the same operations, so results never depend on the tile shape or on how rows
// are split between threads.
#include "CX86Kernels.h"
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang attribute push(__attribute__((target(KERNEL_TARGET))), apply_to = function)

#define INLINE static inline __attribute__((always_inline))
// Tile loops over rows and columns have constant trip counts after inlining; unrolled, their
// accumulators live in registers (the compiler left them on the stack, and the profile of prompt
// processing showed the multiply-adds waiting on those stores and loads).
#define UNROLL _Pragma("clang loop unroll(full)")

// How 4 adjacent unsigned×signed byte products become one int32 lane.
#define KERNEL_DOT_MADDUBS 0     // vpmaddubsw + vpmaddwd (AVX2)
#define KERNEL_DOT_AVX_VNNI 1    // vpdpbusd, VEX form (AVX-VNNI)
#define KERNEL_DOT_AVX512_VNNI 2 // vpdpbusd, EVEX form on YMM registers (AVX512-VNNI + AVX512-VL)

// Type numbers and block sizes come from onramp_tensor_types.h (through CX86Kernels.h).
enum { TYPE_Q4_0 = ONRAMP_TYPE_Q4_0, TYPE_Q4_1 = ONRAMP_TYPE_Q4_1, TYPE_Q5_0 = ONRAMP_TYPE_Q5_0, TYPE_Q5_1 = ONRAMP_TYPE_Q5_1,
       TYPE_Q8_0 = ONRAMP_TYPE_Q8_0, TYPE_Q4_K = ONRAMP_TYPE_Q4_K, TYPE_Q5_K = ONRAMP_TYPE_Q5_K, TYPE_Q6_K = ONRAMP_TYPE_Q6_K };

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
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
    return _mm256_dpbusd_epi32(_mm256_setzero_si256(), u, s);
#elif KERNEL_DOT == KERNEL_DOT_AVX_VNNI
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

// How far ahead (bytes) each row's weights are prefetched: a product streams every weight once,
// and a few cache lines of lead hide the memory latency the hardware prefetcher leaves (the
// profile of generation showed most of the kernel's time waiting on weight loads).
enum { ROW_PREFETCH_BYTES = 512 };

// Prefetches the cache lines `bytes` bytes from p + ROW_PREFETCH_BYTES onward would touch.
INLINE void prefetch_ahead(const uint8_t *p, const int bytes) {
    for (int offset = 0; offset < bytes; offset += 64)
        _mm_prefetch((const char *)(p + ROW_PREFETCH_BYTES + offset), _MM_HINT_T0);
}

INLINE int weight_block_bytes(int type) {
    switch (type) {
    case TYPE_Q4_0: return ONRAMP_Q4_0_BYTES;
    case TYPE_Q4_1: return ONRAMP_Q4_1_BYTES;
    case TYPE_Q5_0: return ONRAMP_Q5_0_BYTES;
    case TYPE_Q5_1: return ONRAMP_Q5_1_BYTES;
    default: return ONRAMP_Q8_0_BYTES;
    }
}

// Q4_1 and Q5_1 store unsigned codes and a minimum, paired with Q8_1 activations.
INLINE int has_minimum(int type) { return type == TYPE_Q4_1 || type == TYPE_Q5_1; }

// A decoded weight block: codes (signed types keep |code| in `codes` and the signs in `signs`
// so the unsigned×signed instructions can take them).
typedef struct { __m256i codes; __m256i signs; } weight_codes;

INLINE weight_codes decode_codes(int type, const uint8_t *b) {
    __m256i q;
    switch (type) {
    case TYPE_Q4_0:
        q = _mm256_sub_epi8(nibbles_to_bytes(b + 2), _mm256_set1_epi8(8));
        break;
    case TYPE_Q4_1:
        q = nibbles_to_bytes(b + 4);
        break;
    case TYPE_Q5_0: // code − 16: where the fifth bit is clear, 0xF0 makes the byte negative.
        q = _mm256_or_si256(nibbles_to_bytes(b + 6), _mm256_andnot_si256(bits_to_bytes(b + 2), _mm256_set1_epi8((char)0xf0)));
        break;
    case TYPE_Q5_1:
        q = _mm256_or_si256(nibbles_to_bytes(b + 8), _mm256_and_si256(bits_to_bytes(b + 4), _mm256_set1_epi8(0x10)));
        break;
    default:
        q = _mm256_loadu_si256((const __m256i *)(b + 2));
        break;
    }
    weight_codes w;
    w.codes = has_minimum(type) ? q : _mm256_sign_epi8(q, q);
    w.signs = q;
    return w;
}

INLINE __m256i block_dot(int type, const weight_codes *w, __m256i x) {
    if (has_minimum(type)) return dot_unsigned_signed(w->codes, x);
    return dot_unsigned_signed(w->codes, _mm256_sign_epi8(x, w->signs));
}

// The first four bytes of blocks i and i+1 (scale and, for Q4_1/Q5_1/Q8_1, minimum or sum, as
// f16) as floats [scale_i, second_i, scale_i+1, second_i+1]; zeros stand in for a missing
// block i+1. Where a format has no second f16 its lane holds unused bytes.
INLINE __m128 block_pair_scales(const uint8_t *first, int block_bytes, int has_second) {
    uint32_t a, b = 0;
    memcpy(&a, first, 4);
    if (has_second) memcpy(&b, first + block_bytes, 4);
    return _mm_cvtph_ps(_mm_setr_epi32((int)a, (int)b, 0, 0));
}

// R rows × C activation columns; R ≤ 4, C ≤ 4, both constants after inlining. Blocks go two at
// a time: one multiply gives both blocks' combined scales and minimum terms.
INLINE void tile(const int type, const int R, const int C, const onramp_matmul_args *a, int row, int column) {
    const int wbytes = weight_block_bytes(type);
    const int xbytes = has_minimum(type) ? ONRAMP_Q8_1_BYTES : ONRAMP_Q8_0_BYTES;
    const int xcodes = has_minimum(type) ? 4 : 2;
    const uint8_t *w = (const uint8_t *)a->weights + (size_t)row * a->weight_row_bytes;
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes;
    __m256 acc[4][4];
    __m128 minimums[4][4]; // the running sum is lane 1
    UNROLL for (int r = 0; r < R; r++)
        UNROLL for (int c = 0; c < C; c++) {
            acc[r][c] = _mm256_setzero_ps();
            minimums[r][c] = _mm_setzero_ps();
        }
    for (int i = 0; i < a->blocks; i += 2) {
        const int pair = i + 1 < a->blocks;
        __m128 wscales[4];
        weight_codes first[4], second[4];
        UNROLL for (int r = 0; r < R; r++) {
            const uint8_t *wb = w + (size_t)r * a->weight_row_bytes + (size_t)i * wbytes;
            prefetch_ahead(wb, 2 * wbytes);
            wscales[r] = block_pair_scales(wb, wbytes, pair);
            first[r] = decode_codes(type, wb);
            if (pair) second[r] = decode_codes(type, wb + wbytes);
        }
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xb = x + (size_t)c * a->activation_row_bytes + (size_t)i * xbytes;
            const __m128 xscales = block_pair_scales(xb, xbytes, pair);
            const __m256i x0 = _mm256_loadu_si256((const __m256i *)(xb + xcodes));
            const __m256i x1 = pair ? _mm256_loadu_si256((const __m256i *)(xb + xbytes + xcodes)) : _mm256_setzero_si256();
            UNROLL for (int r = 0; r < R; r++) {
                const __m128 scales = _mm_mul_ps(wscales[r], xscales);
                // Minimum × sum products of two f16 values are exact in f32; adding them one
                // block at a time, like llama.cpp's x86 kernel, keeps the results identical to its.
                if (has_minimum(type)) {
                    minimums[r][c] = _mm_add_ps(minimums[r][c], scales);
                    if (pair) minimums[r][c] = _mm_add_ps(minimums[r][c], _mm_movehl_ps(scales, scales));
                }
                const __m256 p0 = _mm256_cvtepi32_ps(block_dot(type, &first[r], x0));
                acc[r][c] = _mm256_fmadd_ps(_mm256_broadcastss_ps(scales), p0, acc[r][c]);
                if (pair) {
                    const __m256 p1 = _mm256_cvtepi32_ps(block_dot(type, &second[r], x1));
                    acc[r][c] = _mm256_fmadd_ps(_mm256_broadcastss_ps(_mm_movehl_ps(scales, scales)), p1, acc[r][c]);
                }
            }
        }
    }
    UNROLL for (int r = 0; r < R; r++)
        UNROLL for (int c = 0; c < C; c++) {
            a->y[(size_t)(column + c) * a->y_stride + (size_t)(row + r)] =
                sum_lanes(acc[r][c]) + _mm_cvtss_f32(_mm_movehdup_ps(minimums[r][c]));
        }
}

// ---- One activation row (generation) for the signed types: offset codes, four rows at once ----
// Σ code·x is computed as Σ (code + offset)·x − offset·Σ x with unsigned codes: the integer in
// every lane is exactly the one the sign trick above gives, so results stay bit-identical, but
// each block and row needs one vpdpbusd (or vpmaddubsw pair) instead of two vpsignb as well,
// and offset·Σ x is computed once per activation block for all the rows.

// Whether a type's codes plus its offset fit the unsigned side of the dot instruction without
// the 16-bit intermediate of vpmaddubsw saturating (Q8_0's 0..255 would, so AVX2 keeps the
// sign trick for it).
INLINE int offset_codes_exact(int type) {
    if (type == TYPE_Q8_0) return KERNEL_DOT != KERNEL_DOT_MADDUBS;
    return type == TYPE_Q4_0 || type == TYPE_Q5_0;
}

INLINE int code_offset(int type) {
    switch (type) {
    case TYPE_Q4_0: return 8;
    case TYPE_Q5_0: return 16;
    default: return 128;
    }
}

// A block's codes plus the type's offset, as unsigned bytes.
INLINE __m256i offset_codes(int type, const uint8_t *b) {
    switch (type) {
    case TYPE_Q4_0: return nibbles_to_bytes(b + 2);
    case TYPE_Q5_0: return _mm256_or_si256(nibbles_to_bytes(b + 6), _mm256_and_si256(bits_to_bytes(b + 2), _mm256_set1_epi8(0x10)));
    default: return _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(b + 2)), _mm256_set1_epi8((char)0x80));
    }
}

// −offset·(sum of the 4 activation codes of each lane), the starting value of every row's lanes.
INLINE __m256i negated_offset_sums(int type, __m256i x) {
    const __m256i offset = _mm256_set1_epi8((char)code_offset(type));
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
    const __m256i sums = _mm256_dpbusd_epi32(_mm256_setzero_si256(), offset, x);
#elif KERNEL_DOT == KERNEL_DOT_AVX_VNNI
    const __m256i sums = _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), offset, x);
#else
    const __m256i sums = _mm256_madd_epi16(_mm256_maddubs_epi16(offset, x), _mm256_set1_epi16(1));
#endif
    return _mm256_sub_epi32(_mm256_setzero_si256(), sums);
}

INLINE __m256i offset_dot(__m256i start, __m256i codes, __m256i x) {
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
    return _mm256_dpbusd_epi32(start, codes, x);
#elif KERNEL_DOT == KERNEL_DOT_AVX_VNNI
    return _mm256_dpbusd_avx_epi32(start, codes, x);
#else
    return _mm256_add_epi32(start, _mm256_madd_epi16(_mm256_maddubs_epi16(codes, x), _mm256_set1_epi16(1)));
#endif
}

// R ≤ 4 rows times C ≤ 4 activation columns, block by block in order (generation uses C = 1;
// for prompts the sign-trick tiles above measured as fast).
INLINE void offset_tile(const int type, const int R, const int C, const onramp_matmul_args *a, int row, int column) {
    const int wbytes = weight_block_bytes(type);
    const size_t stride = a->weight_row_bytes;
    const uint8_t *w = (const uint8_t *)a->weights + (size_t)row * stride;
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes;
    __m256 acc[4][4];
    UNROLL for (int r = 0; r < R; r++)
        UNROLL for (int c = 0; c < C; c++) acc[r][c] = _mm256_setzero_ps();
    for (int i = 0; i < a->blocks; i++, w += wbytes, x += ONRAMP_Q8_0_BYTES) {
        // The R rows' f16 scales side by side: each scale product is the same product of two
        // f32 values as one row at a time.
        uint64_t halves = 0;
        UNROLL for (int r = 0; r < R; r++) {
            uint16_t h;
            memcpy(&h, w + (size_t)r * stride, 2);
            halves |= (uint64_t)h << (16 * r);
        }
        const __m128 wscales = _mm_cvtph_ps(_mm_cvtsi64_si128((long long)halves));
        __m256i codes[4];
        UNROLL for (int r = 0; r < R; r++) {
            const uint8_t *wb = w + (size_t)r * stride;
            prefetch_ahead(wb, wbytes);
            codes[r] = offset_codes(type, wb);
        }
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xb = x + (size_t)c * a->activation_row_bytes;
            const __m256i xq = _mm256_loadu_si256((const __m256i *)(xb + 2));
            const __m256i start = negated_offset_sums(type, xq);
            const __m128 scales = _mm_mul_ps(wscales, _mm_set1_ps(half_to_float(xb)));
            UNROLL for (int r = 0; r < R; r++) {
                const __m256 p = _mm256_cvtepi32_ps(offset_dot(start, codes[r], xq));
                const __m256 scale = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(scales), _mm256_set1_epi32(r));
                acc[r][c] = _mm256_fmadd_ps(scale, p, acc[r][c]);
            }
        }
    }
    UNROLL for (int r = 0; r < R; r++)
        UNROLL for (int c = 0; c < C; c++) a->y[(size_t)(column + c) * a->y_stride + (size_t)(row + r)] = sum_lanes(acc[r][c]);
}

#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
// ---- Prompts with AVX-512: two weight rows per 512-bit register ----
// The offset-code tile above, with rows 2p and 2p+1 of a pair in the low and high halves of one
// ZMM register and each activation block broadcast to both halves: every 8-lane half runs the
// very instructions the 256-bit tile runs for its row (same integer lanes, same scale product,
// same fused multiply-add, same final sum), so results stay bit-identical while one vpdpbusd,
// conversion, multiply and multiply-add serve two rows.

// Lanes 0–7 hold x's lane `low`, lanes 8–15 its lane `low + 1`.
INLINE __m512 pair_lanes(__m256 x, int low) {
    const __m512i index = _mm512_set_epi32(low + 1, low + 1, low + 1, low + 1, low + 1, low + 1, low + 1, low + 1,
                                           low, low, low, low, low, low, low, low);
    return _mm512_permutexvar_ps(index, _mm512_castps256_ps512(x));
}

// 2·P ≤ 8 rows times C ≤ 4 activation columns, block by block in order.
INLINE void wide_offset_tile(const int type, const int P, const int C, const onramp_matmul_args *a, int row, int column) {
    const int wbytes = weight_block_bytes(type);
    const size_t stride = a->weight_row_bytes;
    const uint8_t *w = (const uint8_t *)a->weights + (size_t)row * stride;
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes;
    const __m512i offset = _mm512_set1_epi8((char)code_offset(type));
    __m512 acc[4][4];
    UNROLL for (int p = 0; p < P; p++)
        UNROLL for (int c = 0; c < C; c++) acc[p][c] = _mm512_setzero_ps();
    for (int i = 0; i < a->blocks; i++, w += wbytes, x += ONRAMP_Q8_0_BYTES) {
        // The rows' f16 scales side by side, converted together (each is the same f32 value).
        uint64_t halves[2] = {0, 0};
        UNROLL for (int r = 0; r < 2 * P; r++) {
            uint16_t h;
            memcpy(&h, w + (size_t)r * stride, 2);
            halves[r / 4] |= (uint64_t)h << (16 * (r % 4));
        }
        const __m256 wscales = _mm256_cvtph_ps(_mm_set_epi64x((long long)halves[1], (long long)halves[0]));
        __m512i codes[4];
        __m512 pair_scales[4];
        UNROLL for (int p = 0; p < P; p++) {
            const uint8_t *first = w + (size_t)(2 * p) * stride, *second = first + stride;
            prefetch_ahead(first, wbytes);
            prefetch_ahead(second, wbytes);
            codes[p] = _mm512_inserti64x4(_mm512_castsi256_si512(offset_codes(type, first)), offset_codes(type, second), 1);
            pair_scales[p] = pair_lanes(wscales, 2 * p);
        }
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xb = x + (size_t)c * a->activation_row_bytes;
            const __m512i xq = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(xb + 2)));
            const __m512i start = _mm512_sub_epi32(_mm512_setzero_si512(), _mm512_dpbusd_epi32(_mm512_setzero_si512(), offset, xq));
            const __m512 xscale = _mm512_set1_ps(half_to_float(xb));
            UNROLL for (int p = 0; p < P; p++) {
                const __m512 product = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(start, codes[p], xq));
                acc[p][c] = _mm512_fmadd_ps(_mm512_mul_ps(pair_scales[p], xscale), product, acc[p][c]);
            }
        }
    }
    UNROLL for (int p = 0; p < P; p++)
        UNROLL for (int c = 0; c < C; c++) {
            float *y = a->y + (size_t)(column + c) * a->y_stride + (size_t)(row + 2 * p);
            y[0] = sum_lanes(_mm512_castps512_ps256(acc[p][c]));
            y[1] = sum_lanes(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(acc[p][c]), 1)));
        }
}

// A batch on the wide tiles: rows in groups of 8 over columns in L1-sized chunks; rows left
// over (fewer than 8) go through the 256-bit offset tiles, columns left over one at a time.
INLINE void wide_product(const int type, const onramp_matmul_args *a) {
    int chunk = (int)(32768 / a->activation_row_bytes) & ~3;
    if (chunk < 4) chunk = 4;
    for (int first = 0; first < a->batch; first += chunk) {
        const int last = first + chunk < a->batch ? first + chunk : a->batch;
        int r = a->row_begin;
        for (; r + 8 <= a->row_end; r += 8) {
            int c = first;
            for (; c + 4 <= last; c += 4) wide_offset_tile(type, 4, 4, a, r, c);
            for (; c < last; c++) wide_offset_tile(type, 4, 1, a, r, c);
        }
        for (; r < a->row_end; r++) {
            int c = first;
            for (; c + 4 <= last; c += 4) offset_tile(type, 1, 4, a, r, c);
            for (; c < last; c++) offset_tile(type, 1, 1, a, r, c);
        }
    }
}
#endif

#include "interleaved_q4_0.h"

// One generic walk over the output, specialised per type so every tile call has constants.
INLINE void product(const int type, const onramp_matmul_args *a) {
    int r = a->row_begin;
    if (type == TYPE_Q4_0 && a->batch > 1 && prompt_product_q4_0(a)) return;
    if (a->batch == 1) {
        if (offset_codes_exact(type)) {
            for (; r + 4 <= a->row_end; r += 4) offset_tile(type, 4, 1, a, r, 0);
            for (; r < a->row_end; r++) offset_tile(type, 1, 1, a, r, 0);
            return;
        }
        // Signed types keep codes and signs per row: four rows of pairs would not fit the
        // sixteen vector registers.
        if (has_minimum(type))
            for (; r + 4 <= a->row_end; r += 4) tile(type, 4, 1, a, r, 0);
        else
            for (; r + 2 <= a->row_end; r += 2) tile(type, 2, 1, a, r, 0);
        for (; r < a->row_end; r++) tile(type, 1, 1, a, r, 0);
        return;
    }
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
    if (offset_codes_exact(type)) {
        wide_product(type, a);
        return;
    }
#endif
    // Columns in chunks of about 32 KB of activations, so each chunk stays in the L1 cache
    // while every row pair passes over it.
    int chunk = (int)(32768 / a->activation_row_bytes) & ~3;
    if (chunk < 4) chunk = 4;
    for (int first = 0; first < a->batch; first += chunk) {
        const int last = first + chunk < a->batch ? first + chunk : a->batch;
        for (r = a->row_begin; r + 2 <= a->row_end; r += 2) {
            int c = first;
            for (; c + 4 <= last; c += 4) tile(type, 2, 4, a, r, c);
            for (; c < last; c++) tile(type, 2, 1, a, r, c);
        }
        for (; r < a->row_end; r++) {
            int c = first;
            for (; c + 4 <= last; c += 4) tile(type, 1, 4, a, r, c);
            for (; c < last; c++) tile(type, 1, 1, a, r, c);
        }
    }
}

// ---- K-quants: 256-value super-blocks with per-sub-block integer scales, times Q8_K ----
// Each super-block contributes d·Σ(scale·Σ code·x) − dmin·Σ(min·Σ x) where the integer sums
// are exact; the float accumulation is the same for every (row, column) pair.

enum { Q8K_BYTES = ONRAMP_Q8_K_BYTES, Q8K_CODES = offsetof(onramp_block_q8_k, qs), Q8K_SUMS = offsetof(onramp_block_q8_k, bsums) };

// Q4_K/Q5_K's 6-bit scales and minimums for the 8 sub-blocks, unpacked from 12 bytes.
// Four bytes at a time: byte j of each word is sub-block j's (or j+4's) value.
INLINE void unpack_scales_k(const uint8_t *p, uint8_t scales[8], uint8_t mins[8]) {
    uint32_t a, b, c;
    memcpy(&a, p, 4);
    memcpy(&b, p + 4, 4);
    memcpy(&c, p + 8, 4);
    const uint32_t low6 = 0x3f3f3f3f, low4 = 0x0f0f0f0f, low2 = 0x03030303;
    const uint32_t words[4] = {a & low6, (c & low4) | (((a >> 6) & low2) << 4), b & low6, ((c >> 4) & low4) | (((b >> 6) & low2) << 4)};
    memcpy(scales, words, 8);
    memcpy(mins, words + 2, 8);
}

// min[j]·(sum of the 32 activation codes of sub-block j), sub-blocks paired into 4 lanes:
// lane t holds sub-blocks 2t and 2t+1, as llama.cpp's x86 Q4_K kernel arranges them.
INLINE __m128i minimum_products_k(const uint8_t mins[8], const uint8_t *x) {
    uint64_t packed;
    memcpy(&packed, mins, 8);
    const __m128i m = _mm_cvtepu8_epi16(_mm_cvtsi64_si128((long long)packed));
    const __m128i sums = _mm_hadd_epi16(_mm_loadu_si128((const __m128i *)(x + Q8K_SUMS)), _mm_loadu_si128((const __m128i *)(x + Q8K_SUMS + 16)));
    return _mm_madd_epi16(m, sums);
}

// The same sum in one integer (Q5_K adds it as one number per super-block, as llama.cpp does).
INLINE int minimum_sum_k(const uint8_t mins[8], const uint8_t *x) {
    __m128i p = minimum_products_k(mins, x);
    p = _mm_add_epi32(p, _mm_unpackhi_epi64(p, p));
    p = _mm_add_epi32(p, _mm_shuffle_epi32(p, 1));
    return _mm_cvtsi128_si32(p);
}

// Q4_K (Q5_K when `fifth_bits`): chunk c of 64 values has 32 code bytes whose low nibbles are
// sub-block 2c and high nibbles sub-block 2c+1; Q5_K's fifth bits are bits 2c and 2c+1 of qh.
INLINE void dot_q45_k_columns(const int fifth_bits, const int C, const uint8_t *w, const uint8_t *x, const size_t x_stride,
                              int blocks, float *out, const size_t out_stride) {
    const int wbytes = fifth_bits ? ONRAMP_Q5_K_BYTES : ONRAMP_Q4_K_BYTES;
    const __m256i low_mask = _mm256_set1_epi8(0x0f);
    // C ≤ 4 activation columns share each decoded weight chunk; every column's arithmetic is the
    // one-column kernel's, step for step.
    __m256 acc[4];
    // The minimum terms (negative): Q4_K keeps four lanes (one per pair of sub-blocks), Q5_K one
    // running float, each with fused multiply-adds exactly as llama.cpp's x86 kernel for the type
    // (whose C compilers contract its `summs += dmin * sum`).
    __m128 minimum_lanes[4], minimums[4];
    UNROLL for (int c = 0; c < C; c++) {
        acc[c] = _mm256_setzero_ps();
        minimum_lanes[c] = minimums[c] = _mm_setzero_ps();
    }
    for (int i = 0; i < blocks; i++, w += wbytes, x += Q8K_BYTES) {
        prefetch_ahead(w, wbytes);
        uint8_t scales[8], mins[8];
        unpack_scales_k(w + 4, scales, mins);
        const uint8_t *qs = w + (fifth_bits ? 48 : 16);
        const __m256i high = fifth_bits ? _mm256_loadu_si256((const __m256i *)(w + 16)) : _mm256_setzero_si256();
        __m256i sum[4];
        UNROLL for (int c = 0; c < C; c++) sum[c] = _mm256_setzero_si256();
        UNROLL for (int k = 0; k < 4; k++) {
            const __m256i packed = _mm256_loadu_si256((const __m256i *)(qs + 32 * k));
            __m256i lo = _mm256_and_si256(packed, low_mask);
            __m256i hi = _mm256_and_si256(_mm256_srli_epi16(packed, 4), low_mask);
            if (fifth_bits) {
                const __m256i one = _mm256_set1_epi8(1);
                lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(high, 2 * k), one), 4));
                hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(high, 2 * k + 1), one), 4));
            }
            const __m256i scale_lo = _mm256_set1_epi16(scales[2 * k]), scale_hi = _mm256_set1_epi16(scales[2 * k + 1]);
            UNROLL for (int c = 0; c < C; c++) {
                const uint8_t *xc = x + (size_t)c * x_stride;
                const __m256i xlo = _mm256_loadu_si256((const __m256i *)(xc + Q8K_CODES + 64 * k));
                const __m256i xhi = _mm256_loadu_si256((const __m256i *)(xc + Q8K_CODES + 64 * k + 32));
                const __m256i plo = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, xlo), scale_lo);
                const __m256i phi = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, xhi), scale_hi);
                sum[c] = _mm256_add_epi32(sum[c], _mm256_add_epi32(plo, phi));
            }
        }
        const float d = half_to_float(w), dmin = half_to_float(w + 2);
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xc = x + (size_t)c * x_stride;
            float xd;
            memcpy(&xd, xc, 4);
            acc[c] = _mm256_fmadd_ps(_mm256_set1_ps(xd * d), _mm256_cvtepi32_ps(sum[c]), acc[c]);
            const __m128 negated = _mm_set1_ps(-(xd * dmin));
            if (fifth_bits)
                minimums[c] = _mm_fmadd_ss(negated, _mm_cvtsi32_ss(_mm_setzero_ps(), minimum_sum_k(mins, xc)), minimums[c]);
            else
                minimum_lanes[c] = _mm_fmadd_ps(negated, _mm_cvtepi32_ps(minimum_products_k(mins, xc)), minimum_lanes[c]);
        }
    }
    UNROLL for (int c = 0; c < C; c++) {
        if (fifth_bits) {
            out[(size_t)c * out_stride] = sum_lanes(acc[c]) + _mm_cvtss_f32(minimums[c]);
        } else {
            __m128 m = _mm_add_ps(minimum_lanes[c], _mm_movehl_ps(minimum_lanes[c], minimum_lanes[c]));
            m = _mm_add_ss(m, _mm_movehdup_ps(m));
            out[(size_t)c * out_stride] = sum_lanes(acc[c]) + _mm_cvtss_f32(m);
        }
    }
}

// Q6_K: per 128 values, 64 low-nibble bytes and 32 bytes of 2-bit pairs; code − 32 times one
// signed scale per 16 values. vpmaddubsw needs an unsigned side, so Σ(code−32)·x is computed
// as Σ code·x − 32·Σ x, the second sum from the activations' stored per-16 sums. The integer
// total is exact either way; taking 32·Σ x per lane from the stored sums (lane k: groups 2k and
// 2k+1), as llama.cpp does, gives each of the 8 lanes the value llama.cpp's has, so the float
// accumulation rounds identically.
// C ≤ 4 activation columns share each decoded chunk; every column's arithmetic is the
// one-column kernel's, step for step.
INLINE void dot_q6_k_columns(const int C, const uint8_t *w, const uint8_t *x, const size_t x_stride, int blocks,
                             float *out, const size_t out_stride) {
    const __m256i low_mask = _mm256_set1_epi8(0x0f);
    const __m256i pair_mask = _mm256_set1_epi8(0x03);
    __m256 acc[4];
    UNROLL for (int c = 0; c < C; c++) acc[c] = _mm256_setzero_ps();
    for (int i = 0; i < blocks; i++, w += ONRAMP_Q6_K_BYTES, x += Q8K_BYTES) {
        prefetch_ahead(w, ONRAMP_Q6_K_BYTES);
        const int8_t *scales = (const int8_t *)(w + 192);
        const __m256i scale_words = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)scales));
        __m256i sum[4];
        UNROLL for (int c = 0; c < C; c++) sum[c] = _mm256_setzero_si256();
        UNROLL for (int half = 0; half < 2; half++) {
            const __m256i low1 = _mm256_loadu_si256((const __m256i *)(w + 64 * half));
            const __m256i low2 = _mm256_loadu_si256((const __m256i *)(w + 64 * half + 32));
            const __m256i high = _mm256_loadu_si256((const __m256i *)(w + 128 + 32 * half));
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(low1, low_mask), _mm256_slli_epi16(_mm256_and_si256(high, pair_mask), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(low2, low_mask), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(high, 2), pair_mask), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(low1, 4), low_mask), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(high, 4), pair_mask), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(low2, 4), low_mask), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(high, 6), pair_mask), 4));
            UNROLL for (int k = 0; k < 4; k++) {
                const int s = 8 * half + 2 * k;
                const __m256i scale = _mm256_set_m128i(_mm_set1_epi16(scales[s + 1]), _mm_set1_epi16(scales[s]));
                UNROLL for (int c = 0; c < C; c++) {
                    const __m256i xq = _mm256_loadu_si256((const __m256i *)(x + (size_t)c * x_stride + Q8K_CODES + 128 * half + 32 * k));
                    sum[c] = _mm256_add_epi32(sum[c], _mm256_madd_epi16(_mm256_maddubs_epi16(q[k], xq), scale));
                }
            }
        }
        const float d = half_to_float(w + 208);
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xc = x + (size_t)c * x_stride;
            float xd;
            memcpy(&xd, xc, 4);
            const __m256i offsets = _mm256_slli_epi32(_mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(xc + Q8K_SUMS)), scale_words), 5);
            acc[c] = _mm256_fmadd_ps(_mm256_set1_ps(xd * d), _mm256_cvtepi32_ps(_mm256_sub_epi32(sum[c], offsets)), acc[c]);
        }
    }
    UNROLL for (int c = 0; c < C; c++) out[(size_t)c * out_stride] = sum_lanes(acc[c]);
}

#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
// Q4_K/Q5_K for prompts with AVX-512: rows r and r+1 in the low and high halves of each ZMM
// register, every activation chunk broadcast to both. Each half runs the very integer and float
// steps of dot_q45_k_columns for its row (the minimum terms are that function's, row by row), so
// results stay bit-identical while one vpmaddubsw, vpmaddwd and add serve two rows.
INLINE void wide_q45_k_columns(const int fifth_bits, const int C, const uint8_t *w, const size_t w_stride, const uint8_t *x,
                               const size_t x_stride, int blocks, float *out, const size_t out_stride) {
    const int wbytes = fifth_bits ? ONRAMP_Q5_K_BYTES : ONRAMP_Q4_K_BYTES;
    const __m512i low_mask = _mm512_set1_epi8(0x0f);
    __m512 acc[4];
    __m128 minimum_lanes[2][4], minimums[2][4];
    UNROLL for (int c = 0; c < C; c++) {
        acc[c] = _mm512_setzero_ps();
        minimum_lanes[0][c] = minimum_lanes[1][c] = minimums[0][c] = minimums[1][c] = _mm_setzero_ps();
    }
    for (int i = 0; i < blocks; i++, w += wbytes, x += Q8K_BYTES) {
        const uint8_t *w1 = w + w_stride;
        prefetch_ahead(w, wbytes);
        prefetch_ahead(w1, wbytes);
        uint8_t scales[2][8], mins[2][8];
        unpack_scales_k(w + 4, scales[0], mins[0]);
        unpack_scales_k(w1 + 4, scales[1], mins[1]);
        // Both rows' eight sub-block scales as 16-bit words: row r's in words 8r…8r+7.
        uint64_t packed0, packed1;
        memcpy(&packed0, scales[0], 8);
        memcpy(&packed1, scales[1], 8);
        const __m512i scale_words = _mm512_castsi256_si512(_mm256_set_m128i(_mm_cvtepu8_epi16(_mm_cvtsi64_si128((long long)packed1)),
                                                                            _mm_cvtepu8_epi16(_mm_cvtsi64_si128((long long)packed0))));
        const uint8_t *qs0 = w + (fifth_bits ? 48 : 16), *qs1 = w1 + (fifth_bits ? 48 : 16);
        const __m512i high = fifth_bits ? _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(w + 16))),
                                                             _mm256_loadu_si256((const __m256i *)(w1 + 16)), 1)
                                        : _mm512_setzero_si512();
        __m512i sum[4];
        UNROLL for (int c = 0; c < C; c++) sum[c] = _mm512_setzero_si512();
        UNROLL for (int k = 0; k < 4; k++) {
            const __m512i packed = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(qs0 + 32 * k))),
                                                      _mm256_loadu_si256((const __m256i *)(qs1 + 32 * k)), 1);
            __m512i lo = _mm512_and_si512(packed, low_mask);
            __m512i hi = _mm512_and_si512(_mm512_srli_epi16(packed, 4), low_mask);
            if (fifth_bits) {
                const __m512i one = _mm512_set1_epi8(1);
                lo = _mm512_or_si512(lo, _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(high, 2 * k), one), 4));
                hi = _mm512_or_si512(hi, _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(high, 2 * k + 1), one), 4));
            }
            // Word 2k (2k+1) of each row's scales across its half.
            const __m512i scale_lo = _mm512_permutexvar_epi16(_mm512_inserti64x4(_mm512_set1_epi16((short)(2 * k)), _mm256_set1_epi16((short)(8 + 2 * k)), 1), scale_words);
            const __m512i scale_hi = _mm512_permutexvar_epi16(_mm512_inserti64x4(_mm512_set1_epi16((short)(2 * k + 1)), _mm256_set1_epi16((short)(9 + 2 * k)), 1), scale_words);
            UNROLL for (int c = 0; c < C; c++) {
                const uint8_t *xc = x + (size_t)c * x_stride;
                const __m512i xlo = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(xc + Q8K_CODES + 64 * k)));
                const __m512i xhi = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(xc + Q8K_CODES + 64 * k + 32)));
                const __m512i plo = _mm512_madd_epi16(_mm512_maddubs_epi16(lo, xlo), scale_lo);
                const __m512i phi = _mm512_madd_epi16(_mm512_maddubs_epi16(hi, xhi), scale_hi);
                sum[c] = _mm512_add_epi32(sum[c], _mm512_add_epi32(plo, phi));
            }
        }
        const float d0 = half_to_float(w), dmin0 = half_to_float(w + 2);
        const float d1 = half_to_float(w1), dmin1 = half_to_float(w1 + 2);
        const __m512 d = _mm512_castps256_ps512(_mm256_set1_ps(d0));
        const __m512 both_d = _mm512_insertf32x4(_mm512_insertf32x4(d, _mm_set1_ps(d1), 2), _mm_set1_ps(d1), 3);
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xc = x + (size_t)c * x_stride;
            float xd;
            memcpy(&xd, xc, 4);
            acc[c] = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_set1_ps(xd), both_d), _mm512_cvtepi32_ps(sum[c]), acc[c]);
            const __m128 negated0 = _mm_set1_ps(-(xd * dmin0)), negated1 = _mm_set1_ps(-(xd * dmin1));
            if (fifth_bits) {
                minimums[0][c] = _mm_fmadd_ss(negated0, _mm_cvtsi32_ss(_mm_setzero_ps(), minimum_sum_k(mins[0], xc)), minimums[0][c]);
                minimums[1][c] = _mm_fmadd_ss(negated1, _mm_cvtsi32_ss(_mm_setzero_ps(), minimum_sum_k(mins[1], xc)), minimums[1][c]);
            } else {
                minimum_lanes[0][c] = _mm_fmadd_ps(negated0, _mm_cvtepi32_ps(minimum_products_k(mins[0], xc)), minimum_lanes[0][c]);
                minimum_lanes[1][c] = _mm_fmadd_ps(negated1, _mm_cvtepi32_ps(minimum_products_k(mins[1], xc)), minimum_lanes[1][c]);
            }
        }
    }
    UNROLL for (int c = 0; c < C; c++)
        UNROLL for (int r = 0; r < 2; r++) {
            const __m256 half = r == 0 ? _mm512_castps512_ps256(acc[c]) : _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(acc[c]), 1));
            float m;
            if (fifth_bits) {
                m = _mm_cvtss_f32(minimums[r][c]);
            } else {
                __m128 lanes = _mm_add_ps(minimum_lanes[r][c], _mm_movehl_ps(minimum_lanes[r][c], minimum_lanes[r][c]));
                lanes = _mm_add_ss(lanes, _mm_movehdup_ps(lanes));
                m = _mm_cvtss_f32(lanes);
            }
            out[(size_t)c * out_stride + (size_t)r] = sum_lanes(half) + m;
        }
}
#endif

#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
// Q6_K for prompts with AVX-512: rows r and r+1 in the two halves of each ZMM register, C ≤ 4
// activation columns sharing every decoded chunk; each half runs dot_q6_k's steps for its row.
INLINE void wide_q6_k_columns(const int C, const uint8_t *w, const size_t w_stride, const uint8_t *x, const size_t x_stride,
                              int blocks, float *out, const size_t out_stride) {
    const __m512i low_mask = _mm512_set1_epi8(0x0f);
    const __m512i pair_mask = _mm512_set1_epi8(0x03);
    __m512 acc[4];
    UNROLL for (int c = 0; c < C; c++) acc[c] = _mm512_setzero_ps();
    for (int i = 0; i < blocks; i++, w += ONRAMP_Q6_K_BYTES, x += Q8K_BYTES) {
        const uint8_t *w1 = w + w_stride;
        prefetch_ahead(w, ONRAMP_Q6_K_BYTES);
        prefetch_ahead(w1, ONRAMP_Q6_K_BYTES);
        // Both rows' sixteen signed scales as 16-bit words: row r's in words 16r…16r+15.
        const __m512i scale_words = _mm512_inserti64x4(
            _mm512_castsi256_si512(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w + 192)))),
            _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w1 + 192))), 1);
        __m512i sum[4];
        UNROLL for (int c = 0; c < C; c++) {
            // 32·Σ x per lane from the stored per-16 sums, times the scales (dot_q6_k's offsets).
            const __m512i bsums = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(x + (size_t)c * x_stride + Q8K_SUMS)));
            sum[c] = _mm512_sub_epi32(_mm512_setzero_si512(), _mm512_slli_epi32(_mm512_madd_epi16(bsums, scale_words), 5));
        }
        UNROLL for (int half = 0; half < 2; half++) {
            const __m512i low1 = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(w + 64 * half))),
                                                    _mm256_loadu_si256((const __m256i *)(w1 + 64 * half)), 1);
            const __m512i low2 = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(w + 64 * half + 32))),
                                                    _mm256_loadu_si256((const __m256i *)(w1 + 64 * half + 32)), 1);
            const __m512i high = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(w + 128 + 32 * half))),
                                                    _mm256_loadu_si256((const __m256i *)(w1 + 128 + 32 * half)), 1);
            __m512i q[4];
            q[0] = _mm512_or_si512(_mm512_and_si512(low1, low_mask), _mm512_slli_epi16(_mm512_and_si512(high, pair_mask), 4));
            q[1] = _mm512_or_si512(_mm512_and_si512(low2, low_mask), _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(high, 2), pair_mask), 4));
            q[2] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(low1, 4), low_mask), _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(high, 4), pair_mask), 4));
            q[3] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(low2, 4), low_mask), _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(high, 6), pair_mask), 4));
            UNROLL for (int k = 0; k < 4; k++) {
                const int s = 8 * half + 2 * k;
                // Each 128-bit quarter: one scale across its words (row 0: s, s+1; row 1: the same).
                const __m512i scale = _mm512_permutexvar_epi16(
                    _mm512_set_epi16(17 + s, 17 + s, 17 + s, 17 + s, 17 + s, 17 + s, 17 + s, 17 + s, 16 + s, 16 + s, 16 + s, 16 + s, 16 + s, 16 + s, 16 + s, 16 + s,
                                     s + 1, s + 1, s + 1, s + 1, s + 1, s + 1, s + 1, s + 1, s, s, s, s, s, s, s, s),
                    scale_words);
                UNROLL for (int c = 0; c < C; c++) {
                    const __m512i xq = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(x + (size_t)c * x_stride + Q8K_CODES + 128 * half + 32 * k)));
                    sum[c] = _mm512_add_epi32(sum[c], _mm512_madd_epi16(_mm512_maddubs_epi16(q[k], xq), scale));
                }
            }
        }
        const __m512 both_d = _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(_mm256_set1_ps(half_to_float(w + 208)))),
                                                                  _mm256_castps_pd(_mm256_set1_ps(half_to_float(w1 + 208))), 1));
        UNROLL for (int c = 0; c < C; c++) {
            float xd;
            memcpy(&xd, x + (size_t)c * x_stride, 4);
            acc[c] = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_set1_ps(xd), both_d), _mm512_cvtepi32_ps(sum[c]), acc[c]);
        }
    }
    UNROLL for (int c = 0; c < C; c++) {
        out[(size_t)c * out_stride] = sum_lanes(_mm512_castps512_ps256(acc[c]));
        out[(size_t)c * out_stride + 1] = sum_lanes(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(acc[c]), 1)));
    }
}
#endif

#include "interleaved_q4_k.h"

INLINE void product_k(const int type, const onramp_matmul_args *a) {
    if (type == TYPE_Q4_K && a->batch > 1 && prompt_product_q4_k(a)) return;
    const uint8_t *weights = (const uint8_t *)a->weights, *activations = (const uint8_t *)a->activations;
    if (type != TYPE_Q6_K) {
        // Columns in chunks that stay in the L1 cache while the rows pass over them; four columns
        // at a time share each decoded weight chunk.
        int chunk = (int)(32768 / a->activation_row_bytes) & ~3;
        if (chunk < 4) chunk = 4;
        const int fifth_bits = type == TYPE_Q5_K;
        for (int first = 0; first < a->batch; first += chunk) {
            const int last = first + chunk < a->batch ? first + chunk : a->batch;
            int r = a->row_begin;
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
            // Generation (one column) keeps one row at a time, as measured before.
            for (; a->batch > 1 && r + 2 <= a->row_end; r += 2) {
                const uint8_t *w = weights + (size_t)r * a->weight_row_bytes;
                int b = first;
                for (; b + 4 <= last; b += 4)
                    wide_q45_k_columns(fifth_bits, 4, w, a->weight_row_bytes, activations + (size_t)b * a->activation_row_bytes,
                                       a->activation_row_bytes, a->blocks, a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
                for (; b < last; b++)
                    wide_q45_k_columns(fifth_bits, 1, w, a->weight_row_bytes, activations + (size_t)b * a->activation_row_bytes,
                                       a->activation_row_bytes, a->blocks, a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
            }
#endif
            for (; r < a->row_end; r++) {
                const uint8_t *w = weights + (size_t)r * a->weight_row_bytes;
                int b = first;
                for (; b + 4 <= last; b += 4)
                    dot_q45_k_columns(fifth_bits, 4, w, activations + (size_t)b * a->activation_row_bytes, a->activation_row_bytes,
                                      a->blocks, a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
                for (; b < last; b++)
                    dot_q45_k_columns(fifth_bits, 1, w, activations + (size_t)b * a->activation_row_bytes, a->activation_row_bytes,
                                      a->blocks, a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
            }
        }
        return;
    }
    int r = a->row_begin;
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
    if (a->batch > 1) {
        int chunk = (int)(32768 / a->activation_row_bytes) & ~3;
        if (chunk < 4) chunk = 4;
        for (int first = 0; first < a->batch; first += chunk) {
            const int last = first + chunk < a->batch ? first + chunk : a->batch;
            for (r = a->row_begin; r + 2 <= a->row_end; r += 2) {
                const uint8_t *w = weights + (size_t)r * a->weight_row_bytes;
                int b = first;
                for (; b + 4 <= last; b += 4)
                    wide_q6_k_columns(4, w, a->weight_row_bytes, activations + (size_t)b * a->activation_row_bytes, a->activation_row_bytes,
                                      a->blocks, a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
                for (; b < last; b++)
                    wide_q6_k_columns(1, w, a->weight_row_bytes, activations + (size_t)b * a->activation_row_bytes, a->activation_row_bytes,
                                      a->blocks, a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
            }
        }
    }
#endif
    // Rows left over (all of them without AVX-512) four columns at a time.
    for (; r < a->row_end; r++) {
        const uint8_t *w = weights + (size_t)r * a->weight_row_bytes;
        int b = 0;
        for (; b + 4 <= a->batch; b += 4)
            dot_q6_k_columns(4, w, activations + (size_t)b * a->activation_row_bytes, a->activation_row_bytes, a->blocks,
                             a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
        for (; b < a->batch; b++)
            dot_q6_k_columns(1, w, activations + (size_t)b * a->activation_row_bytes, a->activation_row_bytes, a->blocks,
                             a->y + (size_t)b * a->y_stride + (size_t)r, a->y_stride);
    }
}

// ---- Float weights (F32, F16, BF16) times activations in the same format ----
// Sixteen values per step into two 8-lane accumulators, a scalar tail, then a fixed-order sum.

enum { TYPE_F32 = ONRAMP_TYPE_F32, TYPE_F16 = ONRAMP_TYPE_F16, TYPE_BF16 = ONRAMP_TYPE_BF16 };

INLINE __m256 load_floats(const int type, const uint8_t *p) {
    switch (type) {
    case TYPE_F32: return _mm256_loadu_ps((const float *)p);
    case TYPE_F16: return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
    default: return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p)), 16));
    }
}

INLINE float load_float(const int type, const uint8_t *p) {
    uint16_t h;
    float f;
    switch (type) {
    case TYPE_F32: memcpy(&f, p, 4); return f;
    case TYPE_F16: return half_to_float(p);
    default: {
        memcpy(&h, p, 2);
        const uint32_t bits = (uint32_t)h << 16;
        memcpy(&f, &bits, 4);
        return f;
    }
    }
}

// One weight row against C activation rows, each weight vector loaded once for all C.
INLINE void float_tile(const int type, const int C, const onramp_matmul_args *a, int row, int column) {
    const int size = type == TYPE_F32 ? ONRAMP_F32_BYTES : ONRAMP_F16_BYTES;
    const int n = a->blocks;
    const uint8_t *w = (const uint8_t *)a->weights + (size_t)row * a->weight_row_bytes;
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes;
    __m256 acc0[4], acc1[4];
    UNROLL for (int c = 0; c < C; c++) acc0[c] = acc1[c] = _mm256_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256 w0 = load_floats(type, w + (size_t)i * size), w1 = load_floats(type, w + (size_t)(i + 8) * size);
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xc = x + (size_t)c * a->activation_row_bytes;
            acc0[c] = _mm256_fmadd_ps(w0, load_floats(type, xc + (size_t)i * size), acc0[c]);
            acc1[c] = _mm256_fmadd_ps(w1, load_floats(type, xc + (size_t)(i + 8) * size), acc1[c]);
        }
    }
    UNROLL for (int c = 0; c < C; c++) {
        const uint8_t *xc = x + (size_t)c * a->activation_row_bytes;
        float tail = 0;
        for (int k = i; k < n; k++) tail += load_float(type, w + (size_t)k * size) * load_float(type, xc + (size_t)k * size);
        a->y[(size_t)(column + c) * a->y_stride + (size_t)row] = sum_lanes(_mm256_add_ps(acc0[c], acc1[c])) + tail;
    }
}

INLINE void float_product(const int type, const onramp_matmul_args *a) {
    for (int r = a->row_begin; r < a->row_end; r++) {
        int c = 0;
        for (; c + 4 <= a->batch; c += 4) float_tile(type, 4, a, r, c);
        for (; c < a->batch; c++) float_tile(type, 1, a, r, c);
    }
}

int KERNEL_ENTRY(uint32_t weight_type, const onramp_matmul_args *args) {
    switch (weight_type) {
    case TYPE_Q4_0: product(TYPE_Q4_0, args); return 1;
    case TYPE_Q4_1: product(TYPE_Q4_1, args); return 1;
    case TYPE_Q5_0: product(TYPE_Q5_0, args); return 1;
    case TYPE_Q5_1: product(TYPE_Q5_1, args); return 1;
    case TYPE_Q8_0: product(TYPE_Q8_0, args); return 1;
    case TYPE_F32: float_product(TYPE_F32, args); return 1;
    case TYPE_F16: float_product(TYPE_F16, args); return 1;
    case TYPE_BF16: float_product(TYPE_BF16, args); return 1;
    case TYPE_Q4_K: product_k(TYPE_Q4_K, args); return 1;
    case TYPE_Q5_K: product_k(TYPE_Q5_K, args); return 1;
    case TYPE_Q6_K: product_k(TYPE_Q6_K, args); return 1;
    default: return 0;
    }
}

#pragma clang attribute pop
