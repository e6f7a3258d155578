#version 450
#extension GL_GOOGLE_include_directive : require
// Root-mean-square normalisation of each row: x / sqrt(mean(x²) + ε) × weight.

#include "rows.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Input { float inputs[]; };
layout(std430, set = 0, binding = 1) readonly buffer Weight { float weight[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float outputs[]; };

layout(push_constant) uniform Shape {
    uint rows;
    uint count;
    float epsilon;
    uint inputOffset;
    uint weightOffset;
    uint outputOffset;
} shape;

void main() {
    uint row = rowIndex();
    if (row >= shape.rows) {
        return;
    }
    uint lane = gl_LocalInvocationID.x;
    uint start = shape.inputOffset + row * shape.count;
    float squares = 0.0;
    for (uint i = lane; i < shape.count; i += 64u) {
        float x = inputs[start + i];
        squares += x * x;
    }
    float mean = workgroupSum(squares) / float(shape.count);
    float scale = 1.0 / sqrt(mean + shape.epsilon);
    uint outputStart = shape.outputOffset + row * shape.count;
    for (uint i = lane; i < shape.count; i += 64u) {
        outputs[outputStart + i] = (inputs[start + i] * scale) * weight[shape.weightOffset + i];
    }
}
