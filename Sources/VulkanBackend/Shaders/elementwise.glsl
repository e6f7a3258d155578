// The index of this invocation in a one-dimensional job spread over a 2-D grid of 256-wide
// workgroups (one grid dimension holds at most 65,535 groups).

layout(local_size_x = 256) in;

uint elementIndex() {
    return (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
}
