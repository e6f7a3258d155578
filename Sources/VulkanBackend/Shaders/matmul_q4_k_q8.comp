#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-matrix product (a tile of 8 input vectors per workgroup) with Q4_K weights and 8-bit input codes (quantize_q8.comp), summed with integer dot products.

#define TILE 8u

#include "weights.glsl"
#include "product_q8.glsl"
#include "q4_k_q8.glsl"
#include "product_main.glsl"
