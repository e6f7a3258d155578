// Reading a weight matrix kept as 32-bit words: bytes, signed bytes and f16 values at byte
// offsets, so the shaders need no 8- or 16-bit storage feature (every Vulkan device can run
// them). Every block format's f16 fields sit at even offsets, so one never straddles two words.

#include "halves.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Weights { uint weights[]; };

uint weightByte(uint offset) {
    return (weights[offset >> 2] >> ((offset & 3u) * 8u)) & 0xffu;
}

int weightSignedByte(uint offset) {
    return int(weightByte(offset) << 24) >> 24;
}

float weightHalf(uint offset) {
    return halfBitsToFloat((weights[offset >> 2] >> ((offset & 2u) * 8u)) & 0xffffu);
}

// Four bytes at any offset, little-endian (Q5_0's fifth bits sit at byte 2 of a 22-byte block).
uint weightUnalignedWord(uint offset) {
    uint shift = (offset & 3u) * 8u;
    uint low = weights[offset >> 2] >> shift;
    return shift == 0u ? low : low | (weights[(offset >> 2) + 1u] << (32u - shift));
}
