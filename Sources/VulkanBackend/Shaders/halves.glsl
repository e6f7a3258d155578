// f16 values by their bits, for shaders that keep them in 32-bit words (no 16-bit storage
// feature needed): decoding exactly, and rounding a float to the nearest f16 (ties to even) the
// way the engine's HalfRounding does, because unpackHalf2x16 may flush subnormals and the
// rounding of packHalf2x16 is left to the driver.

// IEEE half to float by its bits: exact for subnormal halves too.
float halfBitsToFloat(uint bits) {
    uint sign = (bits & 0x8000u) << 16;
    uint exponent = (bits >> 10) & 0x1fu;
    uint mantissa = bits & 0x3ffu;
    if (exponent == 0u) {
        float value = float(mantissa) * (1.0 / 16777216.0);
        return sign != 0u ? -value : value;
    }
    if (exponent == 31u) {
        return uintBitsToFloat(sign | 0x7f800000u | (mantissa << 13));
    }
    return uintBitsToFloat(sign | ((exponent + 112u) << 23) | (mantissa << 13));
}

// x rounded to the nearest f16 value (kept as a float); 65520 and above become infinity.
float roundToHalf(float x) {
    float magnitude = abs(x);
    if (isnan(x)) {
        return x;
    }
    if (magnitude >= 65520.0) {
        return x < 0.0 ? uintBitsToFloat(0xff800000u) : uintBitsToFloat(0x7f800000u);
    }
    if (magnitude >= 6.103515625e-05) {  // 2^-14, the smallest normal f16
        uint bits = floatBitsToUint(x);
        return uintBitsToFloat((bits + 0xfffu + ((bits >> 13) & 1u)) & ~0x1fffu);
    }
    // Subnormal f16 values are multiples of 2^-24.
    return roundEven(x * 16777216.0) * (1.0 / 16777216.0);
}
