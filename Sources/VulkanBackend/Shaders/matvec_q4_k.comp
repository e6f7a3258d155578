#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q4_K weights: 144-byte super-blocks of 256 values (f16 scale d and
// minimum dmin, 12 bytes of 6-bit sub-block scales and minimums, 128 bytes of 4-bit codes: each
// 32-byte chunk holds one sub-block in its low halves and the next in its high halves).
// One "block" here is one 32-value sub-block; value = d × scale × code − dmin × minimum.

#include "weights.glsl"
#include "kquant.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + (block >> 3) * 144u;
    uint sub = block & 7u;
    uint codesStart = base + 16u + (sub >> 1) * 32u;
    uint shift = (sub & 1u) * 4u;
    float codeSum = 0.0;
    float inputSum = 0.0;
    for (uint l = 0u; l < 32u; l++) {
        float x = inputs[inputStart + l];
        codeSum += float((weightByte(codesStart + l) >> shift) & 15u) * x;
        inputSum += x;
    }
    uvec2 scaleMin = scaleAndMinimum(base, sub);
    return weightHalf(base) * float(scaleMin.x) * codeSum - weightHalf(base + 2u) * float(scaleMin.y) * inputSum;
}
