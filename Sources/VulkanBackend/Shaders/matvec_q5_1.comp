#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q5_1 weights: 24-byte blocks of an f16 scale, an f16 minimum,
// 4 bytes of fifth bits and 16 bytes of low 4-bit codes laid out as Q5_0's;
// value = scale × code + minimum.

#include "weights.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + block * 24u;
    uint fifths = weightUnalignedWord(base + 4u);
    float codeSum = 0.0;
    float inputSum = 0.0;
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 8u + j);
        float low = inputs[inputStart + j];
        float high = inputs[inputStart + j + 16u];
        codeSum += float((codes & 15u) | (((fifths >> j) & 1u) << 4)) * low;
        codeSum += float((codes >> 4) | (((fifths >> (j + 16u)) & 1u) << 4)) * high;
        inputSum += low + high;
    }
    return weightHalf(base) * codeSum + weightHalf(base + 2u) * inputSum;
}
