// Q8_0 weights: 34-byte blocks of an f16 scale and 32 signed codes; value = scale × code.

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 34u;
    float sum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        sum[v] = 0.0;
    }
    for (uint j = 0u; j < 32u; j++) {
        float code = float(weightSignedByte(base + 2u + j));
        for (uint v = 0u; v < TILE; v++) {
            sum[v] += code * tileInput(inputStart + j, v, n);
        }
    }
    float d = weightHalf(base);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += d * sum[v];
    }
}
