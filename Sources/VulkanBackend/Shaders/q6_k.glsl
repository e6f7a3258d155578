// Q6_K weights: 210-byte super-blocks of 256 values: 128 bytes of low 4 bits, 64 bytes of high
// 2 bits, 16 signed 8-bit scales (one per 16 values), an f16 scale d at byte 208. Each 128-value
// half uses 64 low bytes and 32 high bytes; its quarter k takes the low (k < 2) or high (k ≥ 2)
// nibbles of bytes 32·(k mod 2) + l and bits 2k, 2k+1 of high byte l. One "block" here is one
// 32-value quarter; value = d × scale × (code − 32).

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + (block >> 3) * 210u;
    uint half_ = (block & 7u) >> 2;
    uint quarter = block & 3u;
    uint lowStart = base + 64u * half_ + 32u * (quarter & 1u);
    uint lowShift = 4u * (quarter >> 1);
    uint highStart = base + 128u + 32u * half_;
    uint highShift = 2u * quarter;
    // Values 0..15 and 16..31 of the quarter have a scale each.
    float first[TILE];
    float second[TILE];
    for (uint v = 0u; v < TILE; v++) {
        first[v] = 0.0;
        second[v] = 0.0;
    }
    for (uint l = 0u; l < 16u; l++) {
        uint bits = ((weightByte(lowStart + l) >> lowShift) & 15u) | (((weightByte(highStart + l) >> highShift) & 3u) << 4);
        float code = float(int(bits) - 32);
        for (uint v = 0u; v < TILE; v++) {
            first[v] += code * tileInput(inputStart + l, v, n);
        }
    }
    for (uint l = 16u; l < 32u; l++) {
        uint bits = ((weightByte(lowStart + l) >> lowShift) & 15u) | (((weightByte(highStart + l) >> highShift) & 3u) << 4);
        float code = float(int(bits) - 32);
        for (uint v = 0u; v < TILE; v++) {
            second[v] += code * tileInput(inputStart + l, v, n);
        }
    }
    uint scales = base + 192u + 8u * half_ + 2u * quarter;
    float d = weightHalf(base + 208u);
    float firstScale = float(weightSignedByte(scales));
    float secondScale = float(weightSignedByte(scales + 1u));
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += d * (firstScale * first[v] + secondScale * second[v]);
    }
}
