// Q5_K weights (q5_k.glsl) against 8-bit input codes: as Q4_K's (q4_k_q8.glsl), with each code's
// fifth bit from the 32 bytes at byte 16 (bit `sub` of byte l); codes 0..31.

#include "kquant.glsl"

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    KSubBlock at = kSubBlock(rowStart, block, 176u, 48u);
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 8u; w++) {
        uint low = (weightUnalignedWord(at.codes + w * 4u) >> at.shift) & 0x0f0f0f0fu;
        uint fifth = ((weightUnalignedWord(at.base + 16u + w * 4u) >> at.sub) & 0x01010101u) << 4;
        addDots(dots, low | fifth, w, inputStart, n);
    }
    uvec2 scaleMin = scaleAndMinimum(at.base, at.sub);
    // value = d × scale × code − dmin × minimum: the minimum enters negated.
    addBlockWithMinimum(dots, weightHalf(at.base) * float(scaleMin.x), -(weightHalf(at.base + 2u) * float(scaleMin.y)), inputStart, n);
}
