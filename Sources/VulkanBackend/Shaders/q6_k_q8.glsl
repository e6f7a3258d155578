// Q6_K weights (q6_k.glsl) against 8-bit input codes: per 32-value quarter two integer sums of
// (code − 32) × input code, one per 16 values, each × its signed 8-bit scale (still an integer),
// then × d × input scale. Like Q4_K's (q4_k_q8.glsl), one input scale per 32 values.

#include "q6_k_quarter.glsl"

#define BLOCK_VALUES 32u

#include "centred_codes.glsl"

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    Q6Quarter at = q6Quarter(rowStart, block);
    int firstScale = weightSignedByte(at.scales);
    int secondScale = weightSignedByte(at.scales + 1u);
    // Values 0..15 (words 0..3) and 16..31 (words 4..7) have a scale each.
    int first[TILE];
    int second[TILE];
    for (uint v = 0u; v < TILE; v++) {
        first[v] = 0;
        second[v] = 0;
    }
    for (uint w = 0u; w < 8u; w++) {
        uint low = (weightUnalignedWord(at.low + w * 4u) >> at.lowShift) & 0x0f0f0f0fu;
        uint high = ((weightUnalignedWord(at.high + w * 4u) >> at.highShift) & 0x03030303u) << 4;
        uint weightCodes = centredCodes(low | high, 6u);
        if (w < 4u) {
            addDots(first, weightCodes, w, inputStart, n);
        } else {
            addDots(second, weightCodes, w, inputStart, n);
        }
    }
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = firstScale * first[v] + secondScale * second[v];
    }
    addBlock(dots, weightHalf(at.base + 208u), inputStart, n);
}
