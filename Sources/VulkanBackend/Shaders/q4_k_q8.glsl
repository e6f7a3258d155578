// Q4_K weights (q4_k.glsl) against 8-bit input codes: per 32-value sub-block the integer sum of
// code × input code, four at a time (codes 0..15 are valid signed bytes), then × d × the
// sub-block's scale × input scale, minus dmin × its minimum × the inputs' scaled sum. The
// processor multiplies K-quants with one input scale per 256 values (Q8_K); the card keeps one
// per 32, as for every other type, so both are as close to the unquantised product but not to
// each other's last bit.

#include "kquant.glsl"

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    KSubBlock at = kSubBlock(rowStart, block, 144u, 16u);
    int dots[TILE];
    for (uint v = 0u; v < TILE; v++) {
        dots[v] = 0;
    }
    for (uint w = 0u; w < 8u; w++) {
        addDots(dots, (weightUnalignedWord(at.codes + w * 4u) >> at.shift) & 0x0f0f0f0fu, w, inputStart, n);
    }
    uvec2 scaleMin = scaleAndMinimum(at.base, at.sub);
    // value = d × scale × code − dmin × minimum: the minimum enters negated.
    addBlockWithMinimum(dots, weightHalf(at.base) * float(scaleMin.x), -(weightHalf(at.base + 2u) * float(scaleMin.y)), inputStart, n);
}
