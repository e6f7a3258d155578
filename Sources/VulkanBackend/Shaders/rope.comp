#version 450
#extension GL_GOOGLE_include_directive : require
// Rotary position embedding of `batch` × `heads` vectors of `headSize` values: pair p of each
// head is rotated by the angle whose cosine and sine the table holds at 2p and 2p + 1 (one row
// of `dimensions` values per vector of the batch, made on the processor by the engine's own
// RotaryEmbedding.fillTable, so both paths use the same angles). Pairs are adjacent values
// (llama style) or value p with value p + dimensions/2 (NEOX style: Qwen, Phi-3, Gemma).

#include "elementwise.glsl"

layout(std430, set = 0, binding = 0) buffer Vectors { float vectors[]; };
layout(std430, set = 0, binding = 1) readonly buffer Table { float table[]; };

layout(push_constant) uniform Shape {
    uint batch;
    uint heads;
    uint headSize;
    uint dimensions;
    uint halves;        // 1: NEOX style
    uint vectorOffset;  // floats
} shape;

void main() {
    uint pairs = shape.dimensions / 2u;
    uint i = elementIndex();
    if (i >= shape.batch * shape.heads * pairs) {
        return;
    }
    uint pair = i % pairs;
    uint head = (i / pairs) % shape.heads;
    uint position = i / (pairs * shape.heads);
    uint start = shape.vectorOffset + (position * shape.heads + head) * shape.headSize;
    uint first = shape.halves != 0u ? start + pair : start + 2u * pair;
    uint second = shape.halves != 0u ? first + pairs : first + 1u;
    float c = table[position * shape.dimensions + 2u * pair];
    float s = table[position * shape.dimensions + 2u * pair + 1u];
    float x0 = vectors[first];
    float x1 = vectors[second];
    vectors[first] = fma(x0, c, -(x1 * s));
    vectors[second] = fma(x0, s, x1 * c);
}
