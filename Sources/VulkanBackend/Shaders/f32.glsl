// F32 weights: one value per "block", read as a word.

#define BLOCK_VALUES 1u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    float w = uintBitsToFloat(weights[(rowStart >> 2) + block]);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += w * tileInput(inputStart, v, n);
    }
}
