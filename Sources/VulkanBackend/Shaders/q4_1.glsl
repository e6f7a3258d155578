// Q4_1 weights: 20-byte blocks of an f16 scale, an f16 minimum and 16 bytes of 4-bit codes laid
// out as Q4_0's; value = scale × code + minimum.

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 20u;
    float codeSum[TILE];
    float inputSum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        codeSum[v] = 0.0;
        inputSum[v] = 0.0;
    }
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 4u + j);
        float lowCode = float(codes & 15u);
        float highCode = float(codes >> 4);
        for (uint v = 0u; v < TILE; v++) {
            float low = tileInput(inputStart + j, v, n);
            float high = tileInput(inputStart + j + 16u, v, n);
            codeSum[v] += lowCode * low + highCode * high;
            inputSum[v] += low + high;
        }
    }
    float d = weightHalf(base);
    float m = weightHalf(base + 2u);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += d * codeSum[v] + m * inputSum[v];
    }
}
