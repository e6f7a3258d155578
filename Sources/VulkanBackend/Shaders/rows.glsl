// Shared by the shaders that reduce a whole row (RMSNorm, softmax): one 64-wide workgroup per
// row, and sums and maxima over the workgroup through shared memory.

layout(local_size_x = 64) in;

shared float partial[64];

uint rowIndex() {
    return gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
}

float workgroupSum(float value) {
    uint lane = gl_LocalInvocationID.x;
    partial[lane] = value;
    barrier();
    for (uint stride = 32u; stride > 0u; stride >>= 1) {
        if (lane < stride) {
            partial[lane] += partial[lane + stride];
        }
        barrier();
    }
    float total = partial[0];
    barrier();
    return total;
}

float workgroupMax(float value) {
    uint lane = gl_LocalInvocationID.x;
    partial[lane] = value;
    barrier();
    for (uint stride = 32u; stride > 0u; stride >>= 1) {
        if (lane < stride) {
            partial[lane] = max(partial[lane], partial[lane + stride]);
        }
        barrier();
    }
    float total = partial[0];
    barrier();
    return total;
}
