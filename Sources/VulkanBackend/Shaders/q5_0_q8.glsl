// Q5_0 weights (q5_0.glsl) against 8-bit input codes: per block the integer sum of
// (code − 16) × input code, four at a time, then × weight scale × input scale, as the processor's
// Q5_0 × Q8_0 does.

#define BLOCK_VALUES 32u

#include "centred_codes.glsl"
#include "fifth_bits.glsl"

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 22u;
    uint fifths = weightUnalignedWord(base + 2u);
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 4u; w++) {
        uint packed = weightUnalignedWord(base + 6u + w * 4u);
        uint low = centredCodes((packed & 0x0f0f0f0fu) | fifthBits(fifths >> (4u * w)), 5u);                // values 4w ..< 4w + 4
        uint high = centredCodes(((packed >> 4) & 0x0f0f0f0fu) | fifthBits(fifths >> (16u + 4u * w)), 5u);  // values 16 + 4w ..
        addDots(dots, low, w, inputStart, n);
        addDots(dots, high, 4u + w, inputStart, n);
    }
    addBlock(dots, weightHalf(base), inputStart, n);
}
