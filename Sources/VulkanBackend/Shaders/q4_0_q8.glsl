// Q4_0 weights (q4_0.glsl) against 8-bit input codes: per block the integer sum of
// (code − 8) × input code, four at a time, then × weight scale × input scale.

#define BLOCK_VALUES 32u

// Four 4-bit codes (one per byte, 0..15) as four signed bytes code − 8: x ^ 8 is code − 8 in
// 4-bit two's complement, and bit 3 set widens to 0xF0 in its byte (8 × 0x1E, no carry).
uint centredNibbles(uint x) {
    uint flipped = x ^ 0x08080808u;
    return flipped | ((flipped & 0x08080808u) * 0x1eu);
}

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    uint base = rowStart + block * 18u;
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 4u; w++) {
        uint packed = weightUnalignedWord(base + 2u + w * 4u);
        uint low = centredNibbles(packed & 0x0f0f0f0fu);        // values 4w ..< 4w + 4
        uint high = centredNibbles((packed >> 4) & 0x0f0f0f0fu);  // values 16 + 4w ..< 16 + 4w + 4
        for (uint v = 0u; v < TILE; v++) {
            uint q = tileCodes(inputStart, v, n);
            dots[v] += dot4(low, codes[q + w]) + dot4(high, codes[q + 4u + w]);
        }
    }
    float d = weightHalf(base);
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += (d * tileScale(inputStart, v, n)) * float(dots[v]);
    }
}
