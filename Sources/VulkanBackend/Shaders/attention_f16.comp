#version 450
#extension GL_GOOGLE_include_directive : require
// Causal attention over an f16 KV cache in the engine's layout: position-major rows of
// `kvHeads` × `headSize` f16 values (keys and values in separate buffers, kept as 32-bit words).
// One 64-wide workgroup per query head per batch row; query head h reads key/value head
// h / (heads / kvHeads) (grouped-query attention). Row r of the batch stands at position
// start + r and sees positions 0 ... start + r, or on a sliding-window layer only the last
// `window` of them (max(0, start + r + 1 − window) ... start + r, as TransformerModel). As the engine's CPU path does, the query and
// the softmax weights are rounded to f16 before they meet the cache; sums are f32.
// Three phases: scores (one position per invocation, into the `scores` scratch row), softmax
// over the row, then the weighted sum of values (one output value per invocation).

#include "halves.glsl"
#include "rows.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Queries { float queries[]; };
layout(std430, set = 0, binding = 1) readonly buffer Keys { uint keys[]; };
layout(std430, set = 0, binding = 2) readonly buffer Values { uint values[]; };
layout(std430, set = 0, binding = 3) buffer Scores { float scores[]; };
layout(std430, set = 0, binding = 4) writeonly buffer Outputs { float outputs[]; };

layout(push_constant) uniform Shape {
    uint rows;
    uint heads;
    uint kvHeads;
    uint headSize;
    uint start;         // position of the batch's first row
    uint cacheOffset;   // f16 values before position 0 of this layer (even)
    uint queryOffset;   // floats
    uint outputOffset;  // floats
    uint scoresStride;  // floats per scratch row (at least start + rows)
    float scale;
    uint window;        // positions a row sees, itself included; 0: all
} shape;

shared float query[512];

float valueAt(uint index) {
    return halfBitsToFloat((values[index >> 1] >> ((index & 1u) * 16u)) & 0xffffu);
}

void main() {
    uint task = rowIndex();
    // The whole workgroup leaves together, so the barriers below stay in uniform control flow.
    if (task >= shape.rows * shape.heads) {
        return;
    }
    uint row = task / shape.heads;
    uint head = task % shape.heads;
    uint lane = gl_LocalInvocationID.x;
    uint visible = shape.start + row + 1u;
    uint first = shape.window != 0u && visible > shape.window ? visible - shape.window : 0u;
    uint kvStride = shape.kvHeads * shape.headSize;
    uint kvStart = shape.cacheOffset + (head / (shape.heads / shape.kvHeads)) * shape.headSize;
    uint queryStart = shape.queryOffset + task * shape.headSize;
    uint scoresStart = task * shape.scoresStride;

    for (uint d = lane; d < shape.headSize; d += 64u) {
        query[d] = roundToHalf(queries[queryStart + d]);
    }
    barrier();

    // Scores, two f16 values (one word) at a time: headSize and every row start are even.
    float largest = -3.402823466e38;
    for (uint t = first + lane; t < visible; t += 64u) {
        uint key = (kvStart + t * kvStride) >> 1;
        float sum = 0.0;
        for (uint d = 0u; d < shape.headSize; d += 2u) {
            uint word = keys[key + (d >> 1)];
            sum += query[d] * halfBitsToFloat(word & 0xffffu);
            sum += query[d + 1u] * halfBitsToFloat(word >> 16);
        }
        float score = sum * shape.scale;
        scores[scoresStart + t] = score;
        largest = max(largest, score);
    }
    largest = workgroupMax(largest);

    float total = 0.0;
    for (uint t = first + lane; t < visible; t += 64u) {
        float e = exp(scores[scoresStart + t] - largest);
        scores[scoresStart + t] = e;
        total += e;
    }
    float inverse = 1.0 / workgroupSum(total);
    // Every invocation now reads the weights the others wrote.
    memoryBarrierBuffer();
    barrier();

    for (uint d = lane; d < shape.headSize; d += 64u) {
        float sum = 0.0;
        for (uint t = first; t < visible; t++) {
            float weight = roundToHalf(scores[scoresStart + t] * inverse);
            sum += weight * valueAt(kvStart + t * kvStride + d);
        }
        outputs[shape.outputOffset + task * shape.headSize + d] = sum;
    }
}
