#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q6_K weights (one input vector per workgroup); f32 sums. The block format: q6_k.glsl.

#define TILE 1u

#include "weights.glsl"
#include "product.glsl"
#include "q6_k.glsl"
#include "product_main.glsl"
