// Q8_0 weights (q8_0.glsl) against 8-bit input codes: per block the integer sum of weight code ×
// input code, four at a time, then × weight scale × input scale.

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 34u;
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 8u; w++) {
        addDots(dots, weightUnalignedWord(base + 2u + w * 4u), w, inputStart, n);
    }
    addBlock(dots, weightHalf(base), inputStart, n);
}
