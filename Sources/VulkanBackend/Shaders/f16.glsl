// F16 weights: one value per "block".

#define BLOCK_VALUES 1u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    float w = weightHalf(rowStart + 2u * block);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += w * tileInput(inputStart, v, n);
    }
}
