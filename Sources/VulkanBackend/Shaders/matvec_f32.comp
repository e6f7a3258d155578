#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with F32 weights.

#include "weights.glsl"

#define BLOCK_VALUES 1u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    return uintBitsToFloat(weights[(rowStart >> 2) + block]) * inputs[inputStart];
}
