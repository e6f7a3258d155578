#version 450
// Activations to 8-bit codes for the integer dot product shaders (*_q8.comp): each block of 32
// values of a vector becomes 8 words of 4 signed codes (value j in byte j % 4 of word j / 4), its
// scale and its scaled sum, as the processor's Q8_0 and Q8_1 do: scale = max|x| / 127 kept as an
// f16 (the value the processor multiplies with), codes = x × 127 / max|x| rounded to nearest
// even (NaN as 0), scaled sum = f16(scale × Σ codes) with the unrounded scale (Q8_1's s).
// Block b of vector v starts at word (v × blocks + b) × 10: 8 code words, the scale's bits, the sum's.

#include "halves.glsl"

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 0) readonly buffer Input { float inputs[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Codes { uint codes[]; };

layout(push_constant) uniform Shape {
    uint vectors;
    uint columns;      // values per vector, a multiple of 32
    uint inputOffset;  // floats
} shape;

int code(float scaled) {
    float r = roundEven(scaled);
    return isnan(r) ? 0 : int(clamp(r, -128.0, 127.0));
}

void main() {
    uint blocks = shape.columns / 32u;
    uint index = gl_GlobalInvocationID.y * (gl_NumWorkGroups.x * 64u) + gl_GlobalInvocationID.x;
    if (index >= shape.vectors * blocks) {
        return;
    }
    uint start = shape.inputOffset + (index / blocks) * shape.columns + (index % blocks) * 32u;
    float amax = 0.0;
    for (uint j = 0u; j < 32u; j++) {
        amax = max(amax, abs(inputs[start + j]));
    }
    float inverse = amax != 0.0 ? 127.0 / amax : 0.0;
    int sum = 0;
    for (uint word = 0u; word < 8u; word++) {
        uint packed = 0u;
        for (uint k = 0u; k < 4u; k++) {
            int q = code(inputs[start + word * 4u + k] * inverse);
            sum += q;
            packed |= (uint(q) & 0xffu) << (k * 8u);
        }
        codes[index * 10u + word] = packed;
    }
    float scale = amax / 127.0;
    codes[index * 10u + 8u] = floatBitsToUint(roundToHalf(scale));
    codes[index * 10u + 9u] = floatBitsToUint(roundToHalf(scale * float(sum)));
}
