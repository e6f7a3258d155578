// Q5_1 weights: 24-byte blocks of an f16 scale, an f16 minimum, 4 bytes of fifth bits and 16
// bytes of low 4-bit codes laid out as Q5_0's; value = scale × code + minimum.

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 24u;
    uint fifths = weightUnalignedWord(base + 4u);
    float codeSum[TILE];
    float inputSum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        codeSum[v] = 0.0;
        inputSum[v] = 0.0;
    }
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 8u + j);
        float lowCode = float((codes & 15u) | (((fifths >> j) & 1u) << 4));
        float highCode = float((codes >> 4) | (((fifths >> (j + 16u)) & 1u) << 4));
        for (uint v = 0u; v < TILE; v++) {
            float low = tileInput(inputStart + j, v, n);
            float high = tileInput(inputStart + j + 16u, v, n);
            codeSum[v] += lowCode * low;
            codeSum[v] += highCode * high;
            inputSum[v] += low + high;
        }
    }
    float d = weightHalf(base);
    float m = weightHalf(base + 2u);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += d * codeSum[v] + m * inputSum[v];
    }
}
