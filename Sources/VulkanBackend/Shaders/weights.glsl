// Reading a weight matrix kept as 32-bit words: bytes, signed bytes and f16 values at byte
// offsets, so the shaders need no 8- or 16-bit storage feature (every Vulkan device can run
// them). Every block format's f16 fields sit at even offsets, so one never straddles two words.

layout(std430, set = 0, binding = 0) readonly buffer Weights { uint weights[]; };

uint weightByte(uint offset) {
    return (weights[offset >> 2] >> ((offset & 3u) * 8u)) & 0xffu;
}

int weightSignedByte(uint offset) {
    return int(weightByte(offset) << 24) >> 24;
}

// IEEE half to float by its bits: exact for subnormal halves too, which unpackHalf2x16 may flush.
float halfBitsToFloat(uint bits) {
    uint sign = (bits & 0x8000u) << 16;
    uint exponent = (bits >> 10) & 0x1fu;
    uint mantissa = bits & 0x3ffu;
    if (exponent == 0u) {
        float value = float(mantissa) * (1.0 / 16777216.0);
        return sign != 0u ? -value : value;
    }
    if (exponent == 31u) {
        return uintBitsToFloat(sign | 0x7f800000u | (mantissa << 13));
    }
    return uintBitsToFloat(sign | ((exponent + 112u) << 23) | (mantissa << 13));
}

float weightHalf(uint offset) {
    return halfBitsToFloat((weights[offset >> 2] >> ((offset & 2u) * 8u)) & 0xffffu);
}
