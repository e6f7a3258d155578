// The body every matrix-vector shader shares: one workgroup per output row (and per input
// vector along z), each invocation summing whole blocks of the row, then a tree sum in shared
// memory. The including file defines BLOCK_VALUES and
// float blockDot(uint rowStart, uint block, uint inputStart).

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 1) readonly buffer Input { float inputs[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float outputs[]; };

layout(push_constant) uniform Shape {
    uint rows;
    uint columns;
    uint rowBytes;
    uint weightOffset;  // bytes
    uint inputOffset;   // floats
    uint outputOffset;  // floats
    uint outputStride;  // floats from one vector's outputs to the next's
} shape;

shared float partial[64];

void main() {
    uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    // The whole workgroup leaves together, so the barriers below stay in uniform control flow.
    if (row >= shape.rows) {
        return;
    }
    uint vector = gl_WorkGroupID.z;
    uint lane = gl_LocalInvocationID.x;
    uint rowStart = shape.weightOffset + row * shape.rowBytes;
    uint inputStart = shape.inputOffset + vector * shape.columns;
    uint blocks = shape.columns / BLOCK_VALUES;
    float sum = 0.0;
    for (uint block = lane; block < blocks; block += 64u) {
        sum += blockDot(rowStart, block, inputStart + block * BLOCK_VALUES);
    }
    partial[lane] = sum;
    barrier();
    for (uint stride = 32u; stride > 0u; stride >>= 1) {
        if (lane < stride) {
            partial[lane] += partial[lane + stride];
        }
        barrier();
    }
    if (lane == 0u) {
        outputs[shape.outputOffset + vector * shape.outputStride + row] = partial[0];
    }
}
