// Q5_1 weights (q5_1.glsl) against 8-bit input codes: per block the integer sum of code × input
// code, four at a time (codes 0..31 are already valid signed bytes), then × weight scale × input
// scale, plus the weight minimum × the inputs' scaled sum, as the processor's Q5_1 × Q8_1 does.

#define BLOCK_VALUES 32u

#include "fifth_bits.glsl"

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 24u;
    uint fifths = weightUnalignedWord(base + 4u);
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 4u; w++) {
        uint packed = weightUnalignedWord(base + 8u + w * 4u);
        uint low = (packed & 0x0f0f0f0fu) | fifthBits(fifths >> (4u * w));                // values 4w ..< 4w + 4
        uint high = ((packed >> 4) & 0x0f0f0f0fu) | fifthBits(fifths >> (16u + 4u * w));  // values 16 + 4w ..
        addDots(dots, low, w, inputStart, n);
        addDots(dots, high, 4u + w, inputStart, n);
    }
    addBlockWithMinimum(dots, weightHalf(base), weightHalf(base + 2u), inputStart, n);
}
