// Declarations every integer dot product shader shares (*_q8.comp): as product.glsl, but the
// input vectors arrive as 8-bit codes and a scale per block of 32 values (quantize_q8.comp), and
// each block's products are summed as integers with the device's dot product instruction, as the
// processor's kernels do, before the scales are applied. The including file defines TILE, then
// includes the block format's *_q8.glsl file (BLOCK_VALUES, blockDots) and product_main.glsl.

#extension GL_EXT_spirv_intrinsics : require

layout(std430, set = 0, binding = 1) readonly buffer Codes { uint codes[]; };

#include "product_shape.glsl"

// SPIR-V's OpSDot (SPV_KHR_integer_dot_product, core in Vulkan 1.3) on two words of 4 signed
// bytes each (packed format 0); glslang 11 has no GLSL name for it.
spirv_instruction(extensions = ["SPV_KHR_integer_dot_product"], capabilities = [6019, 6018], id = 4450)
int packedDot(uint a, uint b, spirv_literal int packedFormat);

int dot4(uint a, uint b) {
    return packedDot(a, b, 0);
}

// The first word of block `first` (a block index within the tile's first vector, which
// product_main passes as a value index, 32 per block) of the tile's vector v; a tile with fewer
// than TILE vectors (n) repeats its last one, as tileInput does.
uint tileCodes(uint firstValue, uint v, uint n) {
    return (firstValue / 32u + min(v, n - 1u) * (shape.columns / 32u)) * 10u;
}

float tileScale(uint firstValue, uint v, uint n) {
    return uintBitsToFloat(codes[tileCodes(firstValue, v, n) + 8u]);
}

// f16(scale × Σ codes) of the block: what Q8_1 inputs carry for weights with an offset (Q4_1).
float tileScaledSum(uint firstValue, uint v, uint n) {
    return uintBitsToFloat(codes[tileCodes(firstValue, v, n) + 9u]);
}

// Adds to each tile vector's `dots` the integer dot product of four weight codes (signed bytes)
// with word `word` (0..7, values 4·word ..< 4·word + 4) of its codes for the block.
void addDots(inout int dots[TILE], uint weightCodes, uint word, uint inputStart, uint n) {
    for (uint v = 0u; v < TILE; v++) {
        dots[v] += dot4(weightCodes, codes[tileCodes(inputStart, v, n) + word]);
    }
}

// A block's integer sums into each vector's running sum: × the weights' scale × the inputs'.
void addBlock(int dots[TILE], float scale, uint inputStart, uint n) {
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += float(dots[v]) * (scale * tileScale(inputStart, v, n));
    }
}

// The same for weights with an offset: plus `minimum` × the inputs' scaled sum (Q8_1's).
void addBlockWithMinimum(int dots[TILE], float scale, float minimum, uint inputStart, uint n) {
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += float(dots[v]) * (scale * tileScale(inputStart, v, n)) + minimum * tileScaledSum(inputStart, v, n);
    }
}
