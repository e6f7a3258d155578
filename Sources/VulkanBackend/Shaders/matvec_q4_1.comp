#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q4_1 weights: 20-byte blocks of an f16 scale, an f16 minimum and
// 16 bytes of 4-bit codes laid out as Q4_0's; value = scale × code + minimum.

#include "weights.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + block * 20u;
    float codeSum = 0.0;
    float inputSum = 0.0;
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 4u + j);
        float low = inputs[inputStart + j];
        float high = inputs[inputStart + j + 16u];
        codeSum += float(codes & 15u) * low + float(codes >> 4) * high;
        inputSum += low + high;
    }
    return weightHalf(base) * codeSum + weightHalf(base + 2u) * inputSum;
}
