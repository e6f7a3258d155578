#version 450
#extension GL_GOOGLE_include_directive : require
// Softmax of each row in place: subtract the row's maximum so exp cannot overflow, normalise.

#include "rows.glsl"

layout(std430, set = 0, binding = 0) buffer Values { float values[]; };

layout(push_constant) uniform Shape {
    uint rows;
    uint count;
    uint offset;
} shape;

void main() {
    uint row = rowIndex();
    if (row >= shape.rows) {
        return;
    }
    uint lane = gl_LocalInvocationID.x;
    uint start = shape.offset + row * shape.count;
    float largest = -3.402823466e38;
    for (uint i = lane; i < shape.count; i += 64u) {
        largest = max(largest, values[start + i]);
    }
    largest = workgroupMax(largest);
    float sum = 0.0;
    for (uint i = lane; i < shape.count; i += 64u) {
        float e = exp(values[start + i] - largest);
        values[start + i] = e;
        sum += e;
    }
    float inverse = 1.0 / workgroupSum(sum);
    for (uint i = lane; i < shape.count; i += 64u) {
        values[start + i] *= inverse;
    }
}
