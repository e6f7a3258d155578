// Container and service limits as the probe finds them in a cgroup tree, including limits set above
// the probe's own cgroup.

import Testing
@testable import Probe

@Suite("Cgroup limits")
struct CgroupProbeTests {
    @Test("a memory limit on a parent cgroup binds even when the probe's own cgroup says max")
    func parentLimit() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/system.json", "{}")
        try folder.write("p/fs/proc/self/cgroup", "0::/machine.slice/job.scope\n")
        try folder.write("p/fs/sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
        try folder.write("p/fs/sys/fs/cgroup/machine.slice/memory.max", "8589934592\n")
        try folder.write("p/fs/sys/fs/cgroup/machine.slice/cpu.max", "max 100000\n")
        try folder.write("p/fs/sys/fs/cgroup/machine.slice/job.scope/memory.max", "max\n")
        try folder.write("p/fs/sys/fs/cgroup/machine.slice/job.scope/cpu.max", "150000 100000\n")
        let cgroup = Prober(source: try ReplaySystem(folder: folder.path + "/p")).gather().memory.cgroup
        #expect(cgroup?.version == 2)
        #expect(cgroup?.memoryLimit == .limited(8 << 30))
        #expect(cgroup?.cpuLimitCores == .limited(1.5))
    }

    @Test("cgroup v1 with the cpu and cpuacct controllers mounted together")
    func v1Combined() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/system.json", "{}")
        try folder.write("p/fs/proc/self/cgroup", "11:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n")
        try folder.write("p/fs/sys/fs/cgroup/memory/memory.limit_in_bytes", "2147483648\n")
        try folder.write("p/fs/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "200000\n")
        try folder.write("p/fs/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n")
        let cgroup = Prober(source: try ReplaySystem(folder: folder.path + "/p")).gather().memory.cgroup
        #expect(cgroup?.version == 1)
        #expect(cgroup?.memoryLimit == .limited(2 << 30))
        #expect(cgroup?.cpuLimitCores == .limited(2))
    }
}
