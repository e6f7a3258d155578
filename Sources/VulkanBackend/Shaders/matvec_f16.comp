#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with F16 weights, accumulated in f32.

#include "weights.glsl"

#define BLOCK_VALUES 1u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    return weightHalf(rowStart + 2u * block) * inputs[inputStart];
}
