#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with F32 weights (one input vector per workgroup); f32 sums. The block format: f32.glsl.

#define TILE 1u

#include "weights.glsl"
#include "product.glsl"
#include "f32.glsl"
#include "product_main.glsl"
