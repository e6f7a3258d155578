// Shared by the 8-bit input shaders of Q4_0, Q5_0 and Q6_K, whose weights store code + 2^(b−1)
// in b bits: four such codes (one per byte, 0 .. 2^b − 1) as four signed bytes code − 2^(b−1).
// x ^ 2^(b−1) is that difference in b-bit two's complement; where its top bit is set, the bits
// above it are set too (the top bit × (2^(9−b) − 2) fills them, without a carry into the next
// byte): 4 bits × 0x1E, 5 bits × 0x0E, 6 bits × 0x06.

uint centredCodes(uint x, uint bits) {
    uint top = (1u << (bits - 1u)) * 0x01010101u;
    uint flipped = x ^ top;
    return flipped | ((flipped & top) * ((0x100u >> (bits - 1u)) - 2u));
}
