#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q5_0 weights (one input vector per workgroup); f32 sums. The block format: q5_0.glsl.

#define TILE 1u

#include "weights.glsl"
#include "product.glsl"
#include "q5_0.glsl"
#include "product_main.glsl"
