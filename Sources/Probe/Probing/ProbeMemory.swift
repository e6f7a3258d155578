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
            let folders = cgroupFolders(root: "/sys/fs/cgroup", path: membership.memoryPath)
            cgroup.memoryLimit = CgroupReader.tightest(folders.compactMap { text($0 + "/memory.max").flatMap(CgroupReader.memoryLimit) })
            cgroup.cpuLimitCores = CgroupReader.tightest(folders.compactMap { text($0 + "/cpu.max").flatMap(CgroupReader.cpuLimitV2) })
        } else {
            let memoryFolders = cgroupFolders(root: "/sys/fs/cgroup/memory", path: membership.memoryPath)
            cgroup.memoryLimit = CgroupReader.tightest(memoryFolders.compactMap {
                text($0 + "/memory.limit_in_bytes").flatMap(CgroupReader.memoryLimit)
            })
            let named = "/sys/fs/cgroup/" + (membership.cpuFolder ?? "cpu")
            let cpuRoot = exists(named) ? named : (exists("/sys/fs/cgroup/cpu") ? "/sys/fs/cgroup/cpu" : "/sys/fs/cgroup/cpu,cpuacct")
            cgroup.cpuLimitCores = CgroupReader.tightest(cgroupFolders(root: cpuRoot, path: membership.cpuPath).compactMap { folder in
                guard let quota = text(folder + "/cpu.cfs_quota_us"), let period = text(folder + "/cpu.cfs_period_us") else { return nil }
                return CgroupReader.cpuLimitV1(quota: quota, period: period)
            })
        }
        return cgroup
    }

    /// The cgroup's folder and every folder above it up to the mount: a limit anywhere above applies too.
    /// Inside a container the path names the host's hierarchy, which is not mounted; the mount itself
    /// is then the container's own cgroup, and it is always in the list.
    private func cgroupFolders(root: String, path: String?) -> [String] {
        var folders: [String] = []
        var components = (path ?? "").split(separator: "/").map(String.init)
        while !components.isEmpty {
            folders.append(root + "/" + components.joined(separator: "/"))
            components.removeLast()
        }
        return folders + [root]
    }
}
