// Shared by Q4_K and Q5_K: the 6-bit scale and minimum of sub-block j (0..7), packed in the
// 12 bytes at byte 4 of the 256-value super-block starting at `base`.

uvec2 scaleAndMinimum(uint base, uint j) {
    uint packed = base + 4u;
    if (j < 4u) {
        return uvec2(weightByte(packed + j) & 63u, weightByte(packed + j + 4u) & 63u);
    }
    uint scale = (weightByte(packed + j + 4u) & 15u) | ((weightByte(packed + j - 4u) >> 6) << 4);
    uint minimum = (weightByte(packed + j + 4u) >> 4) | ((weightByte(packed + j) >> 6) << 4);
    return uvec2(scale, minimum);
}
