// Declarations every weight-matrix product shader shares (matvec_*: one input vector per
// workgroup; matmul_*: a tile of TILE vectors per workgroup, so each weight block is decoded once
// for all of them). The including file defines TILE, then includes the block format's file
// (which defines BLOCK_VALUES and blockDots) and product_main.glsl.

layout(std430, set = 0, binding = 1) readonly buffer Input { float inputs[]; };

#include "product_shape.glsl"

// Input value `index` of the tile's vector v; a tile with fewer than TILE vectors (n) repeats its
// last one, so every loop over the tile has a constant length and stays in registers.
float tileInput(uint index, uint v, uint n) {
    return inputs[index + min(v, n - 1u) * shape.columns];
}
