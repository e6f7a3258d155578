// ggml's numbers and block layouts for the tensor types the x86 kernels read, in one place for
// every kernel file. The engine's Swift table of types (`TensorTypeTraits`) declares the same
// facts; a test reads these constants through the module and checks that both agree.
#ifndef ONRAMP_TENSOR_TYPES_H
#define ONRAMP_TENSOR_TYPES_H

#include <stdint.h>

/// Type numbers as in ggml's `enum ggml_type` (and in GGUF files).
enum {
    ONRAMP_TYPE_F32 = 0,
    ONRAMP_TYPE_F16 = 1,
    ONRAMP_TYPE_Q4_0 = 2,
    ONRAMP_TYPE_Q4_1 = 3,
    ONRAMP_TYPE_Q5_0 = 6,
    ONRAMP_TYPE_Q5_1 = 7,
    ONRAMP_TYPE_Q8_0 = 8,
    ONRAMP_TYPE_Q8_1 = 9,
    ONRAMP_TYPE_Q4_K = 12,
    ONRAMP_TYPE_Q5_K = 13,
    ONRAMP_TYPE_Q6_K = 14,
    ONRAMP_TYPE_Q8_K = 15,
    ONRAMP_TYPE_BF16 = 30,
};

/// Values per block: 32 for the simple quantisations, 256 for the K-quant super-blocks.
enum { ONRAMP_BLOCK_VALUES = 32, ONRAMP_SUPER_BLOCK_VALUES = 256 };

typedef uint16_t onramp_half;

// The block structs, field for field as ggml's (`block_q4_0`, …); the kernels read blocks by
// byte offset, so what they take from here is each block's size.
typedef struct { onramp_half d; uint8_t qs[ONRAMP_BLOCK_VALUES / 2]; } onramp_block_q4_0;
typedef struct { onramp_half d, m; uint8_t qs[ONRAMP_BLOCK_VALUES / 2]; } onramp_block_q4_1;
typedef struct { onramp_half d; uint8_t qh[4]; uint8_t qs[ONRAMP_BLOCK_VALUES / 2]; } onramp_block_q5_0;
typedef struct { onramp_half d, m; uint8_t qh[4]; uint8_t qs[ONRAMP_BLOCK_VALUES / 2]; } onramp_block_q5_1;
typedef struct { onramp_half d; int8_t qs[ONRAMP_BLOCK_VALUES]; } onramp_block_q8_0;
/// Q8_0 plus s = d × Σ qs, for the weight types that carry a minimum.
typedef struct { onramp_half d, s; int8_t qs[ONRAMP_BLOCK_VALUES]; } onramp_block_q8_1;
typedef struct {
    onramp_half d, dmin;
    uint8_t scales[12];
    uint8_t qs[ONRAMP_SUPER_BLOCK_VALUES / 2];
} onramp_block_q4_k;
typedef struct {
    onramp_half d, dmin;
    uint8_t scales[12];
    uint8_t qh[ONRAMP_SUPER_BLOCK_VALUES / 8];
    uint8_t qs[ONRAMP_SUPER_BLOCK_VALUES / 2];
} onramp_block_q5_k;
typedef struct {
    uint8_t ql[ONRAMP_SUPER_BLOCK_VALUES / 2];
    uint8_t qh[ONRAMP_SUPER_BLOCK_VALUES / 4];
    int8_t scales[ONRAMP_SUPER_BLOCK_VALUES / 16];
    onramp_half d;
} onramp_block_q6_k;
/// Activations for K-quant weights: f32 scale, codes, and the sums of each 16 codes.
typedef struct {
    float d;
    int8_t qs[ONRAMP_SUPER_BLOCK_VALUES];
    int16_t bsums[ONRAMP_SUPER_BLOCK_VALUES / 16];
} onramp_block_q8_k;

/// Bytes per block (per value for the float types).
enum {
    ONRAMP_F32_BYTES = 4,
    ONRAMP_F16_BYTES = 2,
    ONRAMP_BF16_BYTES = 2,
    ONRAMP_Q4_0_BYTES = 2 + ONRAMP_BLOCK_VALUES / 2,
    ONRAMP_Q4_1_BYTES = 2 * 2 + ONRAMP_BLOCK_VALUES / 2,
    ONRAMP_Q5_0_BYTES = 2 + 4 + ONRAMP_BLOCK_VALUES / 2,
    ONRAMP_Q5_1_BYTES = 2 * 2 + 4 + ONRAMP_BLOCK_VALUES / 2,
    ONRAMP_Q8_0_BYTES = 2 + ONRAMP_BLOCK_VALUES,
    ONRAMP_Q8_1_BYTES = 2 * 2 + ONRAMP_BLOCK_VALUES,
    ONRAMP_Q4_K_BYTES = 2 * 2 + 12 + ONRAMP_SUPER_BLOCK_VALUES / 2,
    ONRAMP_Q5_K_BYTES = 2 * 2 + 12 + ONRAMP_SUPER_BLOCK_VALUES / 8 + ONRAMP_SUPER_BLOCK_VALUES / 2,
    ONRAMP_Q6_K_BYTES = ONRAMP_SUPER_BLOCK_VALUES / 2 + ONRAMP_SUPER_BLOCK_VALUES / 4 + ONRAMP_SUPER_BLOCK_VALUES / 16 + 2,
    ONRAMP_Q8_K_BYTES = 4 + ONRAMP_SUPER_BLOCK_VALUES + 2 * (ONRAMP_SUPER_BLOCK_VALUES / 16),
};

// The sizes written out above are the structs' sizes: no padding, nothing miscounted.
_Static_assert(sizeof(float) == ONRAMP_F32_BYTES, "f32 is 4 bytes");
_Static_assert(sizeof(onramp_half) == ONRAMP_F16_BYTES && sizeof(onramp_half) == ONRAMP_BF16_BYTES, "f16 and bf16 are 2 bytes");
_Static_assert(sizeof(onramp_block_q4_0) == ONRAMP_Q4_0_BYTES, "q4_0 block is 18 bytes");
_Static_assert(sizeof(onramp_block_q4_1) == ONRAMP_Q4_1_BYTES, "q4_1 block is 20 bytes");
_Static_assert(sizeof(onramp_block_q5_0) == ONRAMP_Q5_0_BYTES, "q5_0 block is 22 bytes");
_Static_assert(sizeof(onramp_block_q5_1) == ONRAMP_Q5_1_BYTES, "q5_1 block is 24 bytes");
_Static_assert(sizeof(onramp_block_q8_0) == ONRAMP_Q8_0_BYTES, "q8_0 block is 34 bytes");
_Static_assert(sizeof(onramp_block_q8_1) == ONRAMP_Q8_1_BYTES, "q8_1 block is 36 bytes");
_Static_assert(sizeof(onramp_block_q4_k) == ONRAMP_Q4_K_BYTES, "q4_K block is 144 bytes");
_Static_assert(sizeof(onramp_block_q5_k) == ONRAMP_Q5_K_BYTES, "q5_K block is 176 bytes");
_Static_assert(sizeof(onramp_block_q6_k) == ONRAMP_Q6_K_BYTES, "q6_K block is 210 bytes");
_Static_assert(sizeof(onramp_block_q8_k) == ONRAMP_Q8_K_BYTES, "q8_K block is 292 bytes");
_Static_assert(ONRAMP_Q4_0_BYTES == 18 && ONRAMP_Q4_1_BYTES == 20 && ONRAMP_Q5_0_BYTES == 22 && ONRAMP_Q5_1_BYTES == 24
               && ONRAMP_Q8_0_BYTES == 34 && ONRAMP_Q8_1_BYTES == 36, "32-value blocks as ggml lays them out");
_Static_assert(ONRAMP_Q4_K_BYTES == 144 && ONRAMP_Q5_K_BYTES == 176 && ONRAMP_Q6_K_BYTES == 210 && ONRAMP_Q8_K_BYTES == 292,
               "256-value super-blocks as ggml lays them out");

#endif
