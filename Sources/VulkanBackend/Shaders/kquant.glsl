// Shared by Q4_K and Q5_K (and their 8-bit input versions): where a 32-value sub-block's codes
// are, and its 6-bit scale and minimum.

// Sub-block `block` of a row (the row's 32-value blocks counted from its start): its super-block
// of `superBytes` bytes starts at `base`, it is sub-block `sub` (0..7) there, and its 4-bit codes
// are the low (shift 0) or high (shift 4) halves of the 32 bytes from `codes`: each 32-byte chunk
// from byte `codesOffset` holds two sub-blocks.
struct KSubBlock {
    uint base;
    uint sub;
    uint codes;
    uint shift;
};

KSubBlock kSubBlock(uint rowStart, uint block, uint superBytes, uint codesOffset) {
    uint base = rowStart + (block >> 3) * superBytes;
    uint sub = block & 7u;
    return KSubBlock(base, sub, base + codesOffset + (sub >> 1) * 32u, (sub & 1u) * 4u);
}

// The 6-bit scale and minimum of sub-block j (0..7), packed in the 12 bytes at byte 4 of the
// 256-value super-block starting at `base`.

uvec2 scaleAndMinimum(uint base, uint j) {
    uint packed = base + 4u;
    if (j < 4u) {
        return uvec2(weightByte(packed + j) & 63u, weightByte(packed + j + 4u) & 63u);
    }
    uint scale = (weightByte(packed + j + 4u) & 15u) | ((weightByte(packed + j - 4u) >> 6) << 4);
    uint minimum = (weightByte(packed + j + 4u) >> 4) | ((weightByte(packed + j) >> 6) << 4);
    return uvec2(scale, minimum);
}
