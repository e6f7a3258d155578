// The body every weight-matrix product shader shares: one workgroup per output row and per tile
// of TILE input vectors (along z), each invocation adding whole blocks of the row into `sums`
// (blockDots, from the block format's file), then a tree sum per vector in shared memory.

shared float partial[64u * TILE];

void main() {
    uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    // The whole workgroup leaves together, so the barriers below stay in uniform control flow.
    if (row >= shape.rows) {
        return;
    }
    uint firstVector = gl_WorkGroupID.z * TILE;
    uint n = min(TILE, shape.vectors - firstVector);
    uint lane = gl_LocalInvocationID.x;
    uint rowStart = shape.weightOffset + row * shape.rowBytes;
    uint inputStart = shape.inputOffset + firstVector * shape.columns;
    uint blocks = shape.columns / BLOCK_VALUES;
    for (uint v = 0u; v < TILE; v++) {
        sums[v] = 0.0;
    }
    for (uint block = lane; block < blocks; block += 64u) {
        blockDots(rowStart, block, inputStart + block * BLOCK_VALUES, n);
    }
    for (uint v = 0u; v < TILE; v++) {
        partial[v * 64u + lane] = sums[v];
    }
    barrier();
    for (uint stride = 32u; stride > 0u; stride >>= 1) {
        if (lane < stride) {
            for (uint v = 0u; v < TILE; v++) {
                partial[v * 64u + lane] += partial[v * 64u + lane + stride];
            }
        }
        barrier();
    }
    if (lane < n) {
        outputs[shape.outputOffset + (firstVector + lane) * shape.outputStride + row] = partial[lane * 64u];
    }
}
