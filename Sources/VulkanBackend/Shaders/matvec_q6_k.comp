#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector product with Q6_K weights: 210-byte super-blocks of 256 values: 128 bytes of low
// 4 bits, 64 bytes of high 2 bits, 16 signed 8-bit scales (one per 16 values), an f16 scale d at
// byte 208. Each 128-value half uses 64 low bytes and 32 high bytes; its quarter k takes the low
// (k < 2) or high (k ≥ 2) nibbles of bytes 32·(k mod 2) + l and bits 2k, 2k+1 of high byte l.
// One "block" here is one 32-value quarter; value = d × scale × (code − 32).

#include "weights.glsl"

#define BLOCK_VALUES 32u

float blockDot(uint rowStart, uint block, uint inputStart);

#include "matvec_main.glsl"

float blockDot(uint rowStart, uint block, uint inputStart) {
    uint base = rowStart + (block >> 3) * 210u;
    uint half_ = (block & 7u) >> 2;
    uint quarter = block & 3u;
    uint lowStart = base + 64u * half_ + 32u * (quarter & 1u);
    uint lowShift = 4u * (quarter >> 1);
    uint highStart = base + 128u + 32u * half_;
    uint highShift = 2u * quarter;
    float sums[2] = float[2](0.0, 0.0);
    for (uint l = 0u; l < 32u; l++) {
        uint code = ((weightByte(lowStart + l) >> lowShift) & 15u) | (((weightByte(highStart + l) >> highShift) & 3u) << 4);
        sums[l >> 4] += float(int(code) - 32) * inputs[inputStart + l];
    }
    uint scales = base + 192u + 8u * half_ + 2u * quarter;
    return weightHalf(base + 208u) * (float(weightSignedByte(scales)) * sums[0] + float(weightSignedByte(scales + 1u)) * sums[1]);
}
