#version 450
#extension GL_GOOGLE_include_directive : require
// gate[i] = silu(gate[i]) · up[i], silu(x) = x / (1 + e^-x): llama's gated feed-forward.

#include "elementwise.glsl"

layout(std430, set = 0, binding = 0) buffer Gate { float gate[]; };
layout(std430, set = 0, binding = 1) readonly buffer Up { float up[]; };

layout(push_constant) uniform Shape {
    uint count;
    uint gateOffset;
    uint upOffset;
} shape;

void main() {
    uint i = elementIndex();
    if (i < shape.count) {
        float g = gate[shape.gateOffset + i];
        gate[shape.gateOffset + i] = g / (1.0 + exp(-g)) * up[shape.upOffset + i];
    }
}
