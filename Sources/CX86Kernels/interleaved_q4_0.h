// Prompt products (two or more activation rows) of Q4_0 weights, included by matmul_body.h.
//
// The weight rows of a call are first copied, 16 at a time, into an interleaved layout in a
// per-thread scratch buffer: for each block, the 16 rows' f16 scales, then four 64-byte chunks
// in which 32-bit word l of chunk k is row l's code bytes 4k…4k+3. One 64-byte load then feeds
// 16 rows (low nibbles: values 4k…4k+3; high nibbles: values 16+4k…16+4k+3) and each multiply-add
// takes 4 activation codes broadcast to every row, so the integer dot product of a whole block
// lands in one int32 lane per row and the float work is one multiply-add per block, row and
// column instead of eight lanes' worth. The copy is made once per call and read for every
// activation row, so its cost shrinks as the batch grows.
//
// The arithmetic, for every (row, column) pair and the same on every path (the plain twin is
// the engine's Q4_0PromptTwin): acc = 0; for each block in order, acc = fma(float(Σ (code − 8)·x),
// d_w·d_x, acc), the integer sum exact and d_w·d_x the f32 product of the two f16 scales; the
// result is acc. Results never depend on how rows are grouped or split between threads.

enum {
    GROUP_ROWS = 16,
    GROUP_BLOCK_BYTES = GROUP_ROWS * ONRAMP_Q4_0_BYTES, // 32 bytes of scales, 256 of codes
    PROMPT_COLUMN_TILE = 8,
};

// The scratch buffer of the calling thread: interleaved weights, then per (column, block) the
// activation scale as f32 and −8·Σ code. Grown when a call needs more and kept for the thread's
// next call (a worker runs thousands of products with the same shapes).
static _Thread_local struct { uint8_t *bytes; size_t size; } prompt_scratch;

// At least `size` bytes, 64-byte aligned, or NULL when memory is short.
static uint8_t *prompt_scratch_bytes(size_t size) {
    if (prompt_scratch.size >= size) return prompt_scratch.bytes;
    free(prompt_scratch.bytes);
    const size_t rounded = (size + 63) & ~(size_t)63;
    prompt_scratch.bytes = aligned_alloc(64, rounded);
    prompt_scratch.size = prompt_scratch.bytes ? rounded : 0;
    return prompt_scratch.bytes;
}

// Rows [row, row + count) (count ≤ 16) of row-major Q4_0 weights to one interleaved group;
// missing rows get zero scales and codes (their results are computed and never stored).
INLINE void interleave_q4_0_group(const uint8_t *w, size_t stride, int count, int blocks, uint8_t *out) {
    for (int i = 0; i < blocks; i++, out += GROUP_BLOCK_BYTES) {
        memset(out, 0, GROUP_BLOCK_BYTES);
        for (int l = 0; l < count; l++) {
            const uint8_t *b = w + (size_t)l * stride + (size_t)i * ONRAMP_Q4_0_BYTES;
            memcpy(out + 2 * l, b, 2);
            for (int k = 0; k < 4; k++) memcpy(out + 32 + 64 * k + 4 * l, b + 2 + 4 * k, 4);
        }
    }
}

// Per (column, block): the activation block's scale as f32, and −8 times the sum of its codes
// (the offset that turns Σ code·x with unsigned codes into Σ (code − 8)·x).
INLINE void activation_terms(const onramp_matmul_args *a, float *scales, int32_t *starts) {
    const uint8_t *x = (const uint8_t *)a->activations;
    const __m256i flip = _mm256_set1_epi8((char)0x80);
    for (int c = 0; c < a->batch; c++) {
        const uint8_t *row = x + (size_t)c * a->activation_row_bytes;
        for (int i = 0; i < a->blocks; i++) {
            const uint8_t *b = row + (size_t)i * ONRAMP_Q8_0_BYTES;
            // Σ (code + 128) as four 64-bit sums, then less 32·128.
            const __m256i sums = _mm256_sad_epu8(_mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(b + 2)), flip), _mm256_setzero_si256());
            const __m128i pair = _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
            const int total = (int)(_mm_cvtsi128_si64(pair) + _mm_extract_epi64(pair, 1)) - 32 * 128;
            scales[(size_t)c * a->blocks + i] = half_to_float(b);
            starts[(size_t)c * a->blocks + i] = -8 * total;
        }
    }
}

// Activation rows per chunk: about 256 KB of them, a whole number of `tile`s.
INLINE int column_chunk(const onramp_matmul_args *a, int tile) {
    const int rows = (int)((256 * 1024) / a->activation_row_bytes) / tile * tile;
    return rows > tile ? rows : tile;
}

INLINE int32_t load_word(const uint8_t *p) {
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
// 16 rows × C ≤ 8 columns: one ZMM lane per row.
INLINE void prompt_group_tile(const int C, const uint8_t *group, int count, const onramp_matmul_args *a, int row, int column,
                              const float *scales, const int32_t *starts) {
    const __m512i low_mask = _mm512_set1_epi8(0x0f);
    __m512 acc[PROMPT_COLUMN_TILE];
    UNROLL for (int c = 0; c < C; c++) acc[c] = _mm512_setzero_ps();
    const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes + 2;
    for (int i = 0; i < a->blocks; i++, group += GROUP_BLOCK_BYTES, x += ONRAMP_Q8_0_BYTES) {
        const __m512 wscales = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)group));
        __m512i q[8];
        UNROLL for (int k = 0; k < 4; k++) {
            const __m512i packed = _mm512_loadu_si512((const void *)(group + 32 + 64 * k));
            q[k] = _mm512_and_si512(packed, low_mask);
            q[k + 4] = _mm512_and_si512(_mm512_srli_epi16(packed, 4), low_mask);
        }
        UNROLL for (int c = 0; c < C; c++) {
            const uint8_t *xc = x + (size_t)c * a->activation_row_bytes;
            const size_t term = (size_t)(column + c) * a->blocks + i;
            // Two chains of four steps: the integer sums are exact in any order.
            __m512i s0 = _mm512_set1_epi32(starts[term]), s1 = _mm512_setzero_si512();
            UNROLL for (int k = 0; k < 4; k++) {
                s0 = _mm512_dpbusd_epi32(s0, q[k], _mm512_set1_epi32(load_word(xc + 4 * k)));
                s1 = _mm512_dpbusd_epi32(s1, q[k + 4], _mm512_set1_epi32(load_word(xc + 16 + 4 * k)));
            }
            const __m512 scale = _mm512_mul_ps(wscales, _mm512_set1_ps(scales[term]));
            acc[c] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_add_epi32(s0, s1)), scale, acc[c]);
        }
    }
    const __mmask16 keep = (__mmask16)((1u << count) - 1);
    UNROLL for (int c = 0; c < C; c++) _mm512_mask_storeu_ps(a->y + (size_t)(column + c) * a->y_stride + (size_t)row, keep, acc[c]);
}
#else
// 16 rows × C ≤ 4 columns as two halves of 8 rows, one YMM lane per row.
INLINE void prompt_group_tile(const int C, const uint8_t *group, int count, const onramp_matmul_args *a, int row, int column,
                              const float *scales, const int32_t *starts) {
    const __m256i low_mask = _mm256_set1_epi8(0x0f);
    UNROLL for (int h = 0; h < 2; h++) {
        if (8 * h >= count) break;
        __m256 acc[PROMPT_COLUMN_TILE];
        UNROLL for (int c = 0; c < C; c++) acc[c] = _mm256_setzero_ps();
        const uint8_t *g = group;
        const uint8_t *x = (const uint8_t *)a->activations + (size_t)column * a->activation_row_bytes + 2;
        for (int i = 0; i < a->blocks; i++, g += GROUP_BLOCK_BYTES, x += ONRAMP_Q8_0_BYTES) {
            const __m256 wscales = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(g + 16 * h)));
            __m256i q[8];
            UNROLL for (int k = 0; k < 4; k++) {
                const __m256i packed = _mm256_loadu_si256((const __m256i *)(g + 32 + 64 * k + 32 * h));
                q[k] = _mm256_and_si256(packed, low_mask);
                q[k + 4] = _mm256_and_si256(_mm256_srli_epi16(packed, 4), low_mask);
            }
            UNROLL for (int c = 0; c < C; c++) {
                const uint8_t *xc = x + (size_t)c * a->activation_row_bytes;
                const size_t term = (size_t)(column + c) * a->blocks + i;
                __m256i s0 = _mm256_set1_epi32(starts[term]), s1 = _mm256_setzero_si256();
                UNROLL for (int k = 0; k < 4; k++) {
                    s0 = offset_dot(s0, q[k], _mm256_set1_epi32(load_word(xc + 4 * k)));
                    s1 = offset_dot(s1, q[k + 4], _mm256_set1_epi32(load_word(xc + 16 + 4 * k)));
                }
                const __m256 scale = _mm256_mul_ps(wscales, _mm256_set1_ps(scales[term]));
                acc[c] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(s0, s1)), scale, acc[c]);
            }
        }
        const int here = count - 8 * h < 8 ? count - 8 * h : 8;
        UNROLL for (int c = 0; c < C; c++) {
            float *y = a->y + (size_t)(column + c) * a->y_stride + (size_t)(row + 8 * h);
            if (here == 8) {
                _mm256_storeu_ps(y, acc[c]);
            } else {
                float lanes[8];
                _mm256_storeu_ps(lanes, acc[c]);
                memcpy(y, lanes, (size_t)here * sizeof(float));
            }
        }
    }
}
#endif

// The whole call on interleaved groups; 0 (nothing written) when the scratch buffer cannot be had.
INLINE int prompt_product_q4_0(const onramp_matmul_args *a) {
    const int rows = a->row_end - a->row_begin;
    const int groups = (rows + GROUP_ROWS - 1) / GROUP_ROWS;
    const size_t weight_bytes = (size_t)groups * (size_t)a->blocks * GROUP_BLOCK_BYTES;
    const size_t term_count = (size_t)a->batch * (size_t)a->blocks;
    uint8_t *scratch = prompt_scratch_bytes(weight_bytes + term_count * (sizeof(float) + sizeof(int32_t)));
    if (!scratch) return 0;
    float *scales = (float *)(scratch + weight_bytes);
    int32_t *starts = (int32_t *)(scales + term_count);
    const uint8_t *weights = (const uint8_t *)a->weights + (size_t)a->row_begin * a->weight_row_bytes;
    for (int g = 0; g < groups; g++) {
        const int count = rows - GROUP_ROWS * g < GROUP_ROWS ? rows - GROUP_ROWS * g : GROUP_ROWS;
        interleave_q4_0_group(weights + (size_t)(GROUP_ROWS * g) * a->weight_row_bytes, a->weight_row_bytes, count, a->blocks,
                              scratch + (size_t)g * a->blocks * GROUP_BLOCK_BYTES);
    }
    activation_terms(a, scales, starts);
#if KERNEL_DOT == KERNEL_DOT_AVX512_VNNI
    enum { TILE = 8 };
#else
    enum { TILE = 4 };
#endif
    // Columns in chunks of about 256 KB of activations, which stay in the L2 cache while every
    // group of rows passes over them (a wide matrix's whole batch would not).
    const int chunk = column_chunk(a, TILE);
    for (int first = 0; first < a->batch; first += chunk) {
        const int last = first + chunk < a->batch ? first + chunk : a->batch;
        for (int g = 0; g < groups; g++) {
            const uint8_t *group = scratch + (size_t)g * a->blocks * GROUP_BLOCK_BYTES;
            const int count = rows - GROUP_ROWS * g < GROUP_ROWS ? rows - GROUP_ROWS * g : GROUP_ROWS;
            const int row = a->row_begin + GROUP_ROWS * g;
            int c = first;
            for (; c + TILE <= last; c += TILE) prompt_group_tile(TILE, group, count, a, row, c, scales, starts);
            for (; c < last; c++) prompt_group_tile(1, group, count, a, row, c, scales, starts);
        }
    }
    return 1;
}
