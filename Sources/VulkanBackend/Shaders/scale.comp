#version 450
#extension GL_GOOGLE_include_directive : require
// values[i] *= factor: embedding and query scales.

#include "elementwise.glsl"

layout(std430, set = 0, binding = 0) buffer Values { float values[]; };

layout(push_constant) uniform Shape {
    uint count;
    uint offset;
    float factor;
} shape;

void main() {
    uint i = elementIndex();
    if (i < shape.count) {
        values[shape.offset + i] *= shape.factor;
    }
}
