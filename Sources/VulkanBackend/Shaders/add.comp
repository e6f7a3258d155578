#version 450
#extension GL_GOOGLE_include_directive : require
// target[i] += addend[i]: the residual connections.

#include "elementwise.glsl"

layout(std430, set = 0, binding = 0) buffer Target { float target[]; };
layout(std430, set = 0, binding = 1) readonly buffer Addend { float addend[]; };

layout(push_constant) uniform Shape {
    uint count;
    uint targetOffset;
    uint addendOffset;
} shape;

void main() {
    uint i = elementIndex();
    if (i < shape.count) {
        target[shape.targetOffset + i] += addend[shape.addendOffset + i];
    }
}
