#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q5_K weights: Q4_K's layout with 32 bytes of fifth bits at byte 16
// (bit j of byte l is value l of sub-block j) and the 4-bit codes at byte 48; 176 bytes per
// 256 values. value = d × scale × code − dmin × minimum, code 0..31.

#include "weights.glsl"
#include "kquant.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + (block >> 3) * 176u;
    uint sub = block & 7u;
    uint codesStart = base + 48u + (sub >> 1) * 32u;
    uint shift = (sub & 1u) * 4u;
    float codeSum = 0.0;
    float inputSum = 0.0;
    for (uint l = 0u; l < 32u; l++) {
        float x = inputs[inputStart + l];
        uint code = ((weightByte(codesStart + l) >> shift) & 15u) | (((weightByte(base + 16u + l) >> sub) & 1u) << 4);
        codeSum += float(code) * x;
        inputSum += x;
    }
    uvec2 scaleMin = scaleAndMinimum(base, sub);
    return weightHalf(base) * float(scaleMin.x) * codeSum - weightHalf(base + 2u) * float(scaleMin.y) * inputSum;
}
