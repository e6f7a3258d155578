// Q6_K weights (q6_k.glsl) against 8-bit input codes: per 32-value quarter two integer sums of
// (code − 32) × input code, one per 16 values, each × its signed 8-bit scale (still an integer),
// then × d × input scale. Like Q4_K's (q4_k_q8.glsl), one input scale per 32 values.

#define BLOCK_VALUES 32u

// Four 6-bit codes (one per byte, 0..63) as four signed bytes code − 32: x ^ 32 is code − 32 in
// 6-bit two's complement, and bit 5 set also sets bits 6 and 7 (32 × 0x06 = 0xC0, no carry).
uint centredSixths(uint x) {
    uint flipped = x ^ 0x20202020u;
    return flipped | ((flipped & 0x20202020u) * 0x06u);
}

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + (block >> 3) * 210u;
    uint half_ = (block & 7u) >> 2;
    uint quarter = block & 3u;
    uint lowStart = base + 64u * half_ + 32u * (quarter & 1u);
    uint lowShift = 4u * (quarter >> 1);
    uint highStart = base + 128u + 32u * half_;
    uint highShift = 2u * quarter;
    uint scales = base + 192u + 8u * half_ + 2u * quarter;
    int firstScale = weightSignedByte(scales);
    int secondScale = weightSignedByte(scales + 1u);
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 8u; w++) {
        uint low = (weightUnalignedWord(lowStart + w * 4u) >> lowShift) & 0x0f0f0f0fu;
        uint high = ((weightUnalignedWord(highStart + w * 4u) >> highShift) & 0x03030303u) << 4;
        uint weightCodes = centredSixths(low | high);
        int scale = w < 4u ? firstScale : secondScale;  // values 0..15, then 16..31
        for (uint v = 0u; v < TILE; v++) {
            dots[v] += scale * dot4(weightCodes, codes[tileCodes(inputStart, v, n) + w]);
        }
    }
    float d = weightHalf(base + 208u);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += (d * tileScale(inputStart, v, n)) * float(dots[v]);
    }
}
