// Q5_0 weights: 22-byte blocks of an f16 scale, 4 bytes of fifth bits (bit j belongs to value j)
// and 16 bytes of low 4-bit codes laid out as Q4_0's; value = scale × (code − 16), code 0..31.

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 22u;
    uint fifths = weightUnalignedWord(base + 2u);
    float sum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        sum[v] = 0.0;
    }
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 6u + j);
        float low = float(int((codes & 15u) | (((fifths >> j) & 1u) << 4)) - 16);
        float high = float(int((codes >> 4) | (((fifths >> (j + 16u)) & 1u) << 4)) - 16);
        for (uint v = 0u; v < TILE; v++) {
            sum[v] += low * tileInput(inputStart + j, v, n);
            sum[v] += high * tileInput(inputStart + j + 16u, v, n);
        }
    }
    float d = weightHalf(base);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += d * sum[v];
    }
}
