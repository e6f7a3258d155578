// Q4_K weights: 144-byte super-blocks of 256 values (f16 scale d and minimum dmin, 12 bytes of
// 6-bit sub-block scales and minimums, 128 bytes of 4-bit codes: each 32-byte chunk holds one
// sub-block in its low halves and the next in its high halves). One "block" here is one 32-value
// sub-block; value = d × scale × code − dmin × minimum.

#include "kquant.glsl"

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    KSubBlock at = kSubBlock(rowStart, block, 144u, 16u);
    float codeSum[TILE];
    float inputSum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        codeSum[v] = 0.0;
        inputSum[v] = 0.0;
    }
    for (uint l = 0u; l < 32u; l++) {
        float code = float((weightByte(at.codes + l) >> at.shift) & 15u);
        for (uint v = 0u; v < TILE; v++) {
            float x = tileInput(inputStart + l, v, n);
            codeSum[v] += code * x;
            inputSum[v] += x;
        }
    }
    uvec2 scaleMin = scaleAndMinimum(at.base, at.sub);
    float scale = weightHalf(at.base) * float(scaleMin.x);
    float minimum = weightHalf(at.base + 2u) * float(scaleMin.y);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += scale * codeSum[v] - minimum * inputSum[v];
    }
}
