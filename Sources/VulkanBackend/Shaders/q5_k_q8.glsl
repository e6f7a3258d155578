// Q5_K weights (q5_k.glsl) against 8-bit input codes: as Q4_K's (q4_k_q8.glsl), with each code's
// fifth bit from the 32 bytes at byte 16 (bit `sub` of byte l); codes 0..31.

#include "kquant.glsl"

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + (block >> 3) * 176u;
    uint sub = block & 7u;
    uint codesStart = base + 48u + (sub >> 1) * 32u;
    uint shift = (sub & 1u) * 4u;
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 8u; w++) {
        uint low = (weightUnalignedWord(codesStart + w * 4u) >> shift) & 0x0f0f0f0fu;
        uint fifth = ((weightUnalignedWord(base + 16u + w * 4u) >> sub) & 0x01010101u) << 4;
        for (uint v = 0u; v < TILE; v++) {
            dots[v] += dot4(low | fifth, codes[tileCodes(inputStart, v, n) + w]);
        }
    }
    uvec2 scaleMin = scaleAndMinimum(base, sub);
    float scale = weightHalf(base) * float(scaleMin.x);
    float minimum = weightHalf(base + 2u) * float(scaleMin.y);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += float(dots[v]) * (scale * tileScale(inputStart, v, n)) - minimum * tileScaledSum(inputStart, v, n);
    }
}
