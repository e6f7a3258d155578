// Prompt products (two or more activation rows) of Q4_K weights, included by matmul_body.h after
// interleaved_q4_0.h (whose scratch buffer and 16-row groups this shares).
//
// Each super-block of 16 rows is copied into the scratch buffer as: the rows' d and dmin (f16),
// the eight 6-bit sub-block scales unpacked to bytes (16 bytes per sub-block, one per row), the
// minimums as 16-bit pairs (pair t of row l: minimums 2t and 2t+1, in 32-bit word l of 64 bytes
// per pair), then 32 chunks of 64 bytes: chunk 8k+s holds, in word l, row l's code bytes
// 32k+4s…32k+4s+3 (low nibbles: sub-block 2k; high nibbles: sub-block 2k+1). Every multiply-add
// then serves 16 rows with 4 activation codes broadcast, one int32 lane per row.
//
// The arithmetic, for every (row, column) pair and the same on every path (the plain twin is
// the engine's KQuantBlocks.q4_KPromptDot): for each super-block in order,
// acc = fma(float(Σ_j scale_j·Σ code·x), x_d·d, acc), then acc = fma(float(Σ_j min_j·Σ x), −(x_d·dmin), acc),
// both integer sums exact over the eight sub-blocks j; the result is acc.

enum {
    QK_GROUP_SCALES = 2 * 2 * GROUP_ROWS,                 // d and dmin of 16 rows
    QK_GROUP_SUB_SCALES = QK_GROUP_SCALES,                // 8 × 16 scale bytes
    QK_GROUP_MINIMUMS = QK_GROUP_SUB_SCALES + 8 * GROUP_ROWS, // 4 × 64 bytes of minimum pairs
    QK_GROUP_CODES = QK_GROUP_MINIMUMS + 4 * 64,          // 32 × 64 bytes of codes
    QK_GROUP_BYTES = QK_GROUP_CODES + 32 * 64,
    QK_TERM_WORDS = 5,                                    // per (column, super-block): x_d, 4 sum pairs
};

INLINE void interleave_q4_k_group(const uint8_t *w, size_t stride, int count, int blocks, uint8_t *out) {
    for (int i = 0; i < blocks; i++, out += QK_GROUP_BYTES) {
        memset(out, 0, QK_GROUP_BYTES);
        for (int l = 0; l < count; l++) {
            const uint8_t *b = w + (size_t)l * stride + (size_t)i * ONRAMP_Q4_K_BYTES;
            memcpy(out + 2 * l, b, 2);
            memcpy(out + 2 * GROUP_ROWS + 2 * l, b + 2, 2);
            uint8_t scales[8], mins[8];
            unpack_scales_k(b + 4, scales, mins);
            for (int j = 0; j < 8; j++) out[QK_GROUP_SUB_SCALES + GROUP_ROWS * j + l] = scales[j];
            for (int t = 0; t < 4; t++) {
                const uint16_t pair[2] = {mins[2 * t], mins[2 * t + 1]};
                memcpy(out + QK_GROUP_MINIMUMS + 64 * t + 4 * l, pair, 4);
            }
            for (int chunk = 0; chunk < 32; chunk++) memcpy(out + QK_GROUP_CODES + 64 * chunk + 4 * l, b + 16 + 4 * chunk, 4);
        }
    }
}

// Per (column, super-block): x_d, then for t = 0…3 the sums of sub-blocks 2t and 2t+1's codes as
// two 16-bit halves of one word (each at most 32·127 in size).
INLINE void activation_terms_k(const onramp_matmul_args *a, int32_t *terms) {
    const uint8_t *x = (const uint8_t *)a->activations;
    for (int c = 0; c < a->batch; c++) {
        for (int i = 0; i < a->blocks; i++) {
            const uint8_t *b = x + (size_t)c * a->activation_row_bytes + (size_t)i * Q8K_BYTES;
            int32_t *t = terms + ((size_t)c * a->blocks + i) * QK_TERM_WORDS;
            memcpy(t, b, 4);
            int16_t sums[16];
            memcpy(sums, b + Q8K_SUMS, sizeof sums);
            for (int p = 0; p < 4; p++) {
                const uint16_t pair[2] = {(uint16_t)(sums[4 * p] + sums[4 * p + 1]), (uint16_t)(sums[4 * p + 2] + sums[4 * p + 3])};
                memcpy(t + 1 + p, pair, 4);
            }
        }
    }
}

#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
enum { QK_TILE = 4 };
// 16 rows × C ≤ 4 columns: one ZMM lane per row.
INLINE void prompt_group_tile_k(const int C, const uint8_t *group, int count, const onramp_matmul_args *a, int row, int column,
                                const int32_t *terms) {
    const __m512i low_mask = _mm512_set1_epi8(0x0f);
    __m512 acc[QK_TILE];
    UNROLL for (int c = 0; c < C; c++) acc[c] = _mm512_setzero_ps();
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes + Q8K_CODES;
    for (int i = 0; i < a->blocks; i++, group += QK_GROUP_BYTES, x += Q8K_BYTES) {
        __m512i total[QK_TILE];
        UNROLL for (int c = 0; c < C; c++) total[c] = _mm512_setzero_si512();
        for (int k = 0; k < 4; k++) {
            __m512i lo[QK_TILE], hi[QK_TILE];
            UNROLL for (int c = 0; c < C; c++) lo[c] = hi[c] = _mm512_setzero_si512();
            UNROLL for (int s = 0; s < 8; s++) {
                const __m512i packed = _mm512_loadu_si512((const void *)(group + QK_GROUP_CODES + 64 * (8 * k + s)));
                const __m512i ql = _mm512_and_si512(packed, low_mask), qh = _mm512_and_si512(_mm512_srli_epi16(packed, 4), low_mask);
                UNROLL for (int c = 0; c < C; c++) {
                    const uint8_t *xc = x + (size_t)c * a->activation_row_bytes + 64 * k + 4 * s;
                    lo[c] = _mm512_dpbusd_epi32(lo[c], ql, _mm512_set1_epi32(load_word(xc)));
                    hi[c] = _mm512_dpbusd_epi32(hi[c], qh, _mm512_set1_epi32(load_word(xc + 32)));
                }
            }
            const __m512i scale_lo = _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(group + QK_GROUP_SUB_SCALES + GROUP_ROWS * (2 * k))));
            const __m512i scale_hi = _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(group + QK_GROUP_SUB_SCALES + GROUP_ROWS * (2 * k + 1))));
            UNROLL for (int c = 0; c < C; c++)
                total[c] = _mm512_add_epi32(total[c], _mm512_add_epi32(_mm512_mullo_epi32(lo[c], scale_lo), _mm512_mullo_epi32(hi[c], scale_hi)));
        }
        const __m512 d = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)group));
        const __m512 dmin = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(group + 2 * GROUP_ROWS)));
        UNROLL for (int c = 0; c < C; c++) {
            const int32_t *t = terms + ((size_t)(column + c) * a->blocks + i) * QK_TERM_WORDS;
            float xd;
            memcpy(&xd, t, 4);
            __m512i minimum = _mm512_setzero_si512();
            UNROLL for (int p = 0; p < 4; p++)
                minimum = _mm512_add_epi32(minimum, _mm512_madd_epi16(_mm512_loadu_si512((const void *)(group + QK_GROUP_MINIMUMS + 64 * p)), _mm512_set1_epi32(t[1 + p])));
            acc[c] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(total[c]), _mm512_mul_ps(_mm512_set1_ps(xd), d), acc[c]);
            acc[c] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(minimum), _mm512_mul_ps(_mm512_set1_ps(-xd), dmin), acc[c]);
        }
    }
    const __mmask16 keep = (__mmask16)((1u << count) - 1);
    UNROLL for (int c = 0; c < C; c++) _mm512_mask_storeu_ps(a->y + (size_t)(column + c) * a->y_stride + (size_t)row, keep, acc[c]);
}
#else
enum { QK_TILE = 2 };
// 16 rows × C ≤ 2 columns as two halves of 8 rows, one YMM lane per row.
INLINE void prompt_group_tile_k(const int C, const uint8_t *group, int count, const onramp_matmul_args *a, int row, int column,
                                const int32_t *terms) {
    const __m256i low_mask = _mm256_set1_epi8(0x0f);
    UNROLL for (int h = 0; h < 2; h++) {
        if (8 * h >= count) break;
        __m256 acc[QK_TILE];
        UNROLL for (int c = 0; c < C; c++) acc[c] = _mm256_setzero_ps();
        const uint8_t *g = group;
        const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes + Q8K_CODES;
        for (int i = 0; i < a->blocks; i++, g += QK_GROUP_BYTES, x += Q8K_BYTES) {
            __m256i total[QK_TILE];
            UNROLL for (int c = 0; c < C; c++) total[c] = _mm256_setzero_si256();
            for (int k = 0; k < 4; k++) {
                __m256i lo[QK_TILE], hi[QK_TILE];
                UNROLL for (int c = 0; c < C; c++) lo[c] = hi[c] = _mm256_setzero_si256();
                UNROLL for (int s = 0; s < 8; s++) {
                    const __m256i packed = _mm256_loadu_si256((const __m256i *)(g + QK_GROUP_CODES + 64 * (8 * k + s) + 32 * h));
                    const __m256i ql = _mm256_and_si256(packed, low_mask), qh = _mm256_and_si256(_mm256_srli_epi16(packed, 4), low_mask);
                    UNROLL for (int c = 0; c < C; c++) {
                        const uint8_t *xc = x + (size_t)c * a->activation_row_bytes + 64 * k + 4 * s;
                        lo[c] = offset_dot(lo[c], ql, _mm256_set1_epi32(load_word(xc)));
                        hi[c] = offset_dot(hi[c], qh, _mm256_set1_epi32(load_word(xc + 32)));
                    }
                }
                const __m256i scale_lo = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(g + QK_GROUP_SUB_SCALES + GROUP_ROWS * (2 * k) + 8 * h)));
                const __m256i scale_hi = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(g + QK_GROUP_SUB_SCALES + GROUP_ROWS * (2 * k + 1) + 8 * h)));
                UNROLL for (int c = 0; c < C; c++)
                    total[c] = _mm256_add_epi32(total[c], _mm256_add_epi32(_mm256_mullo_epi32(lo[c], scale_lo), _mm256_mullo_epi32(hi[c], scale_hi)));
            }
            const __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(g + 16 * h)));
            const __m256 dmin = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(g + 2 * GROUP_ROWS + 16 * h)));
            UNROLL for (int c = 0; c < C; c++) {
                const int32_t *t = terms + ((size_t)(column + c) * a->blocks + i) * QK_TERM_WORDS;
                float xd;
                memcpy(&xd, t, 4);
                __m256i minimum = _mm256_setzero_si256();
                UNROLL for (int p = 0; p < 4; p++)
                    minimum = _mm256_add_epi32(minimum, _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(g + QK_GROUP_MINIMUMS + 64 * p + 32 * h)), _mm256_set1_epi32(t[1 + p])));
                acc[c] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(total[c]), _mm256_mul_ps(_mm256_set1_ps(xd), d), acc[c]);
                acc[c] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(minimum), _mm256_mul_ps(_mm256_set1_ps(-xd), dmin), acc[c]);
            }
        }
        const int here = count - 8 * h < 8 ? count - 8 * h : 8;
        UNROLL for (int c = 0; c < C; c++) {
            float lanes[8];
            _mm256_storeu_ps(lanes, acc[c]);
            memcpy(a->y + (size_t)(column + c) * a->y_stride + (size_t)(row + 8 * h), lanes, (size_t)here * sizeof(float));
        }
    }
}
#endif

// The whole call on interleaved groups; 0 (nothing written) when the scratch buffer cannot be had.
INLINE int prompt_product_q4_k(const onramp_matmul_args *a) {
    const int rows = a->row_end - a->row_begin;
    const int groups = (rows + GROUP_ROWS - 1) / GROUP_ROWS;
    const size_t weight_bytes = (size_t)groups * (size_t)a->blocks * QK_GROUP_BYTES;
    const size_t term_count = (size_t)a->batch * (size_t)a->blocks;
    uint8_t *scratch = prompt_scratch_bytes(weight_bytes + term_count * QK_TERM_WORDS * sizeof(int32_t));
    if (!scratch) return 0;
    int32_t *terms = (int32_t *)(scratch + weight_bytes);
    const uint8_t *weights = (const uint8_t *)a->weights + (size_t)a->row_begin * a->weight_row_bytes;
    for (int g = 0; g < groups; g++) {
        const int count = rows - GROUP_ROWS * g < GROUP_ROWS ? rows - GROUP_ROWS * g : GROUP_ROWS;
        interleave_q4_k_group(weights + (size_t)(GROUP_ROWS * g) * a->weight_row_bytes, a->weight_row_bytes, count, a->blocks,
                              scratch + (size_t)g * a->blocks * QK_GROUP_BYTES);
    }
    activation_terms_k(a, terms);
    // Columns in chunks of about 256 KB of activations, which stay in the L2 cache while every
    // group of rows passes over them (a wide matrix's whole batch would not).
    const int chunk = column_chunk(a, QK_TILE);
    for (int first = 0; first < a->batch; first += chunk) {
        const int last = first + chunk < a->batch ? first + chunk : a->batch;
        for (int g = 0; g < groups; g++) {
            const uint8_t *group = scratch + (size_t)g * a->blocks * QK_GROUP_BYTES;
            const int count = rows - GROUP_ROWS * g < GROUP_ROWS ? rows - GROUP_ROWS * g : GROUP_ROWS;
            const int row = a->row_begin + GROUP_ROWS * g;
            int c = first;
            for (; c + QK_TILE <= last; c += QK_TILE) prompt_group_tile_k(QK_TILE, group, count, a, row, c, terms);
            for (; c < last; c++) prompt_group_tile_k(1, group, count, a, row, c, terms);
        }
    }
    return 1;
}
