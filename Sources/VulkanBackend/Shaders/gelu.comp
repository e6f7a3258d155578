#version 450
#extension GL_GOOGLE_include_directive : require
// gate[i] = gelu(gate[i]) · up[i] with GELU's tanh approximation: Gemma's gated feed-forward.
// As the engine's GELU.applyGated (and ggml's f16 table): the input is rounded to f16 and so is
// GELU of it; at or below -10 it gives 0, at or above 10 the input itself.

#include "elementwise.glsl"
#include "halves.glsl"

layout(std430, set = 0, binding = 0) buffer Gate { float gate[]; };
layout(std430, set = 0, binding = 1) readonly buffer Up { float up[]; };

layout(push_constant) uniform Shape {
    uint count;
    uint gateOffset;
    uint upOffset;
} shape;

float gelu(float x) {
    if (x <= -10.0) {
        return 0.0;
    }
    if (x >= 10.0) {
        return x;
    }
    float h = roundToHalf(x);
    // The engine's order of operations; `precise` keeps the driver from fusing them differently.
    precise float inner = 0.79788456080286535587989211986876 * h * (1.0 + 0.044715 * h * h);
    // |inner| < 44 here, where tanh is ±1 in f32 well before; the clamp keeps a driver's
    // exp-based tanh from meeting infinity.
    precise float g = 0.5 * h * (1.0 + tanh(clamp(inner, -20.0, 20.0)));
    return roundToHalf(g);
}

void main() {
    uint i = elementIndex();
    if (i < shape.count) {
        gate[shape.gateOffset + i] = gelu(gate[shape.gateOffset + i]) * up[shape.upOffset + i];
    }
}
