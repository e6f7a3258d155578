#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q5_0 weights: 22-byte blocks of an f16 scale, 4 bytes of fifth bits
// (bit j belongs to value j) and 16 bytes of low 4-bit codes laid out as Q4_0's;
// value = scale × (code − 16), code 0..31.

#include "weights.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + block * 22u;
    uint fifths = weightUnalignedWord(base + 2u);
    float sum = 0.0;
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 6u + j);
        uint low = (codes & 15u) | (((fifths >> j) & 1u) << 4);
        uint high = (codes >> 4) | (((fifths >> (j + 16u)) & 1u) << 4);
        sum += float(int(low) - 16) * inputs[inputStart + j];
        sum += float(int(high) - 16) * inputs[inputStart + j + 16u];
    }
    return weightHalf(base) * sum;
}
