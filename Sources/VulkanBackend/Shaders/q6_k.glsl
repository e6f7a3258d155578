// Q6_K weights (the layout: q6_k_quarter.glsl). One "block" here is one 32-value quarter;
// value = d × scale × (code − 32).

#include "q6_k_quarter.glsl"

#define BLOCK_VALUES 32u

void blockDots(uint rowStart, uint block, uint inputStart, uint n) {
    Q6Quarter at = q6Quarter(rowStart, block);
    // Values 0..15 and 16..31 of the quarter have a scale each.
    float first[TILE];
    float second[TILE];
    for (uint v = 0u; v < TILE; v++) {
        first[v] = 0.0;
        second[v] = 0.0;
    }
    for (uint l = 0u; l < 16u; l++) {
        uint bits = ((weightByte(at.low + l) >> at.lowShift) & 15u) | (((weightByte(at.high + l) >> at.highShift) & 3u) << 4);
        float code = float(int(bits) - 32);
        for (uint v = 0u; v < TILE; v++) {
            first[v] += code * tileInput(inputStart + l, v, n);
        }
    }
    for (uint l = 16u; l < 32u; l++) {
        uint bits = ((weightByte(at.low + l) >> at.lowShift) & 15u) | (((weightByte(at.high + l) >> at.highShift) & 3u) << 4);
        float code = float(int(bits) - 32);
        for (uint v = 0u; v < TILE; v++) {
            second[v] += code * tileInput(inputStart + l, v, n);
        }
    }
    float d = weightHalf(at.base + 208u);
    float firstScale = float(weightSignedByte(at.scales));
    float secondScale = float(weightSignedByte(at.scales + 1u));
    for (uint v = 0u; v < TILE; v++) {
        sums[v] += d * (firstScale * first[v] + secondScale * second[v]);
    }
}
