#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-matrix product with Q4_0 weights: a tile of 8 input vectors per
// workgroup, each weight block decoded once for all of them; f32 sums. The block format: q4_0.glsl.

#define TILE 8u

#include "weights.glsl"
#include "product.glsl"
#include "q4_0.glsl"
#include "product_main.glsl"
