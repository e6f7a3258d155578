#version 450
#extension GL_GOOGLE_include_directive : require
// target[i] += addend[i]: the residual connections; with a period p, addend[i mod p]: a bias
// added to every row of a batch.

#include "elementwise.glsl"

layout(std430, set = 0, binding = 0) buffer Target { float target[]; };
layout(std430, set = 0, binding = 1) readonly buffer Addend { float addend[]; };

layout(push_constant) uniform Shape {
    uint count;
    uint targetOffset;
    uint addendOffset;
    uint addendPeriod;  // 0: no period
} shape;

void main() {
    uint i = elementIndex();
    if (i < shape.count) {
        uint j = shape.addendPeriod == 0u ? i : i % shape.addendPeriod;
        target[shape.targetOffset + i] += addend[shape.addendOffset + j];
    }
}
