#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q4_0 weights: 18-byte blocks of an f16 scale and 16 bytes of 4-bit
// codes (byte j holds value j in its low half, value j + 16 in its high half);
// value = scale × (code − 8).

#include "weights.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + block * 18u;
    float sum = 0.0;
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 2u + j);
        sum += float(int(codes & 15u) - 8) * inputs[inputStart + j];
        sum += float(int(codes >> 4) - 8) * inputs[inputStart + j + 16u];
    }
    return weightHalf(base) * sum;
}
