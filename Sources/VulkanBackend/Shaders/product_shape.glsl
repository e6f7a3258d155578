// The workgroup, output and push constants every weight-matrix product shader shares (product.glsl
// with f32 inputs at binding 1, product_q8.glsl with 8-bit codes there); Kernels.multiply writes
// the constants in this order. `sums` holds this invocation's running sums, one per tile vector.

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 2) writeonly buffer Output { float outputs[]; };

layout(push_constant) uniform Shape {
    uint rows;
    uint columns;
    uint rowBytes;
    uint weightOffset;  // bytes
    uint inputOffset;   // floats (0 for codes: their buffer holds exactly the vectors multiplied)
    uint outputOffset;  // floats
    uint outputStride;  // floats from one vector's outputs to the next's
    uint vectors;
} shape;

float sums[TILE];
