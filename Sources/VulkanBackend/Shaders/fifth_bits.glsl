// Shared by Q5_0's and Q5_1's 8-bit input shaders: four values' fifth bits (bits 0..3 of `bits`)
// moved to bit 4 of bytes 0..3, to join their low 4 bits in one word of four codes.

uint fifthBits(uint bits) {
    return ((bits & 1u) << 4) | ((bits & 2u) << 11) | ((bits & 4u) << 18) | ((bits & 8u) << 25);
}
