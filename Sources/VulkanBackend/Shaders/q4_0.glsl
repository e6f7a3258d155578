// Q4_0 weights: 18-byte blocks of an f16 scale and 16 bytes of 4-bit codes (byte j holds value j
// in its low half, value j + 16 in its high half); value = scale × (code − 8).

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 18u;
    float sum[TILE];
    for (uint v = 0u; v < TILE; v++) {
        sum[v] = 0.0;
    }
    for (uint j = 0u; j < 16u; j++) {
        uint codes = weightByte(base + 2u + j);
        float low = float(int(codes & 15u) - 8);
        float high = float(int(codes >> 4) - 8);
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
