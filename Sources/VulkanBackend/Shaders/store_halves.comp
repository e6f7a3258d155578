#version 450
#extension GL_GOOGLE_include_directive : require
// Writes floats into an f16 cache on the device (keys and values, as KVCache.store does on the
// processor): each invocation converts two floats and writes one whole 32-bit word of the
// cache, so no two invocations share a word. Rounding as HalfFloat.f16: nearest, ties to even,
// subnormal halves, infinities, NaN quiet with its payload's top bits. Integer arithmetic only,
// because a driver may flush subnormal floats to zero.

#include "elementwise.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Source { uint source[]; };
layout(std430, set = 0, binding = 1) buffer Cache { uint cache[]; };

layout(push_constant) uniform Shape {
    uint count;         // floats (even)
    uint sourceOffset;  // floats
    uint halfOffset;    // f16 values (even)
} shape;

uint halfBits(uint bits) {
    uint sign = (bits >> 16) & 0x8000u;
    uint magnitude = bits & 0x7fffffffu;
    if (magnitude > 0x7f800000u) {
        return sign | 0x7e00u | ((magnitude >> 13) & 0x3ffu);
    }
    if (magnitude >= 0x477ff000u) {  // 65520 and above (infinity included) round to infinity
        return sign | 0x7c00u;
    }
    if (magnitude >= 0x38800000u) {  // 2^-14 and above: a normal half
        uint rounded = magnitude + 0xfffu + ((magnitude >> 13) & 1u);
        return sign | ((rounded >> 13) - (112u << 10));
    }
    // A subnormal half: the value in units of 2^-24 is the 24-bit significand shifted right by
    // 126 - exponent (14 or more), rounded to nearest, ties to even; below 2^-25 it is 0.
    uint exponent = magnitude >> 23;
    if (exponent < 102u) {
        return sign;
    }
    uint significand = (magnitude & 0x7fffffu) | 0x800000u;
    uint shift = 126u - exponent;
    uint units = significand >> shift;
    uint rest = significand & ((1u << shift) - 1u);
    uint halfway = 1u << (shift - 1u);
    if (rest > halfway || (rest == halfway && (units & 1u) != 0u)) {
        units += 1u;
    }
    return sign | units;
}

void main() {
    uint i = elementIndex();
    if (i < shape.count / 2u) {
        uint first = shape.sourceOffset + 2u * i;
        cache[(shape.halfOffset >> 1) + i] = halfBits(source[first]) | (halfBits(source[first + 1u]) << 16);
    }
}
