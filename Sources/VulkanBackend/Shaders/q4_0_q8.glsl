// Q4_0 weights (q4_0.glsl) against 8-bit input codes: per block the integer sum of
// (code − 8) × input code, four at a time, then × weight scale × input scale.

#define BLOCK_VALUES 32u

#include "centred_codes.glsl"

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 18u;
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 4u; w++) {
        uint packed = weightUnalignedWord(base + 2u + w * 4u);
        uint low = centredCodes(packed & 0x0f0f0f0fu, 4u);        // values 4w ..< 4w + 4
        uint high = centredCodes((packed >> 4) & 0x0f0f0f0fu, 4u);  // values 16 + 4w ..< 16 + 4w + 4
        addDots(dots, low, w, inputStart, n);
        addDots(dots, high, 4u + w, inputStart, n);
    }
    addBlock(dots, weightHalf(base), inputStart, n);
}
