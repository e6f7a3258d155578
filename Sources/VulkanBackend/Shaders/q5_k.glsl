// Q5_K weights: Q4_K's layout with 32 bytes of fifth bits at byte 16 (bit j of byte l is value l
// of sub-block j) and the 4-bit codes at byte 48; 176 bytes per 256 values.
// value = d × scale × code − dmin × minimum, code 0..31.

#include "kquant.glsl"

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    KSubBlock at = kSubBlock(rowStart, block, 176u, 48u);
    float codeSum[TILE];
    float inputSum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        codeSum[v] = 0.0;
        inputSum[v] = 0.0;
    }
    for (uint l = 0u; l < 32u; l++) {
        uint bits = ((weightByte(at.codes + l) >> at.shift) & 15u) | (((weightByte(at.base + 16u + l) >> at.sub) & 1u) << 4);
        float code = float(bits);
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
