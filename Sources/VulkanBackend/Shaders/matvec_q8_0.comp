#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q8_0 weights: 34-byte blocks of an f16 scale and 32 signed codes;
// value = scale × code.

#include "weights.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + block * 34u;
    float sum = 0.0;
    for (uint j = 0u; j < 32u; j++) {
        sum += float(weightSignedByte(base + 2u + j)) * inputs[inputStart + j];
    }
    return weightHalf(base) * sum;
}
