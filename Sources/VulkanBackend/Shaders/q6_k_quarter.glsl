// Shared by Q6_K's shaders (q6_k.glsl, q6_k_q8.glsl): where one 32-value quarter's bits are.
// A 210-byte super-block of 256 values holds 128 bytes of low 4 bits, 64 bytes of high 2 bits,
// 16 signed 8-bit scales (one per 16 values) and an f16 scale d at byte 208. Each 128-value half
// uses 64 low bytes and 32 high bytes; its quarter k takes the low (k < 2) or high (k ≥ 2)
// nibbles of bytes 32·(k mod 2) + l and bits 2k, 2k+1 of high byte l.

struct Q6Quarter {
    uint base;       // the super-block
    uint low;        // the first of the 32 bytes with the low 4 bits
    uint lowShift;
    uint high;       // the first of the 32 bytes with the high 2 bits
    uint highShift;
    uint scales;     // the signed scales of values 0..15 and 16..31
};

Q6Quarter q6Quarter(uint rowStart, uint block) {
    uint base = rowStart + (block >> 3) * 210u;
    uint half_ = (block & 7u) >> 2;
    uint quarter = block & 3u;
    return Q6Quarter(base, base + 64u * half_ + 32u * (quarter & 1u), 4u * (quarter >> 1), base + 128u + 32u * half_,
                     2u * quarter, base + 192u + 8u * half_ + 2u * quarter);
}
