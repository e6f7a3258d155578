#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with F16 weights (one input vector per workgroup); f32 sums. The block format: f16.glsl.

#define TILE 1u

#include "weights.glsl"
#include "product.glsl"
#include "f16.glsl"
#include "product_main.glsl"
