// The memory area: /proc/meminfo and the cgroup limits a container runs under.

extension ProbeSession {
    func probeMemory() {
        var memory = MemoryFacts()
        if let meminfo = text("/proc/meminfo") { MemInfoReader.read(meminfo, into: &memory) }
        memory.cgroup = cgroupFacts()
        facts.memory = memory
    }

    private func cgroupFacts() -> CgroupFacts? {
        guard let membership = text("/proc/self/cgroup").flatMap({
            CgroupReader.membership($0, unifiedMounted: exists("/sys/fs/cgroup/cgroup.controllers"))
        }) else { return nil }
        var cgroup = CgroupFacts(version: membership.version, path: membership.memoryPath ?? membership.cpuPath)
        if membership.version == 2 {
            let folder = cgroupFolder(root: "/sys/fs/cgroup", path: membership.memoryPath, file: "memory.max")
            cgroup.memoryLimit = folder.flatMap { text($0 + "/memory.max") }.flatMap(CgroupReader.memoryLimit)
            cgroup.cpuLimitCores = folder.flatMap { text($0 + "/cpu.max") }.flatMap(CgroupReader.cpuLimitV2)
        } else {
            let memoryFolder = cgroupFolder(root: "/sys/fs/cgroup/memory", path: membership.memoryPath, file: "memory.limit_in_bytes")
            cgroup.memoryLimit = memoryFolder.flatMap { text($0 + "/memory.limit_in_bytes") }.flatMap(CgroupReader.memoryLimit)
            let cpuRoot = "/sys/fs/cgroup/" + (membership.cpuFolder ?? "cpu")
            let cpuRoots = exists(cpuRoot) ? [cpuRoot] : ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"]
            for root in cpuRoots {
                guard let folder = cgroupFolder(root: root, path: membership.cpuPath, file: "cpu.cfs_quota_us"),
                      let quota = text(folder + "/cpu.cfs_quota_us"), let period = text(folder + "/cpu.cfs_period_us")
                else { continue }
                cgroup.cpuLimitCores = CgroupReader.cpuLimitV1(quota: quota, period: period)
                break
            }
        }
        return cgroup
    }

    /// Inside a container the cgroup path names the host's hierarchy; its own root is then the mount itself.
    private func cgroupFolder(root: String, path: String?, file: String) -> String? {
        if let path, path != "/", exists(root + path + "/" + file) { return root + path }
        return exists(root + "/" + file) ? root : nil
    }
}
