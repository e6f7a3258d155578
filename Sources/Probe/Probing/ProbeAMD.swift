// AMD: the amdgpu module, /dev/kfd, the ROCm version, ISA targets from the KFD topology, and rocminfo.

import Foundation

extension ProbeSession {
    func probeAMD() {
        var amd = AMDFacts()
        amd.amdgpuLoaded = exists("/sys/module/amdgpu")
        amd.kfd = exists("/dev/kfd") ? deviceNode("/dev/kfd") : nil
        amd.rocmVersion = line("/opt/rocm/.info/version")
        applyKFDTopology()
        if facts.gpus.contains(where: { $0.vendor == .amd }) {
            let sleeping = facts.gpus.contains { $0.vendor == .amd && $0.isSuspended }
            if let result = runTool("rocminfo", [], skipBecause: sleeping ? "the AMD GPU is asleep; rocminfo would wake it" : nil) {
                let agents = RocminfoReader.gpuAgents(result.stdout)
                amd.rocminfoTargets = agents.map(\.isa)
                if agents.isEmpty { amd.rocminfoError = RocminfoReader.errorText(stdout: result.stdout, stderr: result.stderr) }
                nameAMDGPUs(agents)
            }
        }
        facts.drivers.amd = amd
    }

    /// The KFD topology names each AMD GPU's ISA (gfx_target_version 100301 is gfx1031) without running anything.
    private func applyKFDTopology() {
        let root = "/sys/class/kfd/kfd/topology/nodes"
        for node in source.listDirectory(root) ?? [] {
            guard let properties = text(root + "/" + node + "/properties") else { continue }
            let values = Dictionary(
                properties.split(whereSeparator: \.isNewline).compactMap { line -> (String, String)? in
                    let parts = line.split(separator: " ", maxSplits: 1)
                    return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                }, uniquingKeysWith: { first, _ in first }
            )
            guard let target = values["gfx_target_version"].flatMap(Int.init).flatMap(KFDTopologyReader.gfxName),
                  let device = values["device_id"].flatMap(Int.init) else { continue }
            let deviceHex = String(format: "%04x", device)
            for index in facts.gpus.indices where facts.gpus[index].vendor == .amd && facts.gpus[index].deviceID == deviceHex {
                facts.gpus[index].gfxTarget = target
            }
        }
    }

    private func nameAMDGPUs(_ agents: [RocminfoReader.Agent]) {
        var remaining = agents
        for index in facts.gpus.indices where facts.gpus[index].vendor == .amd {
            let match = remaining.firstIndex { $0.isa == facts.gpus[index].gfxTarget } ?? (remaining.isEmpty ? nil : 0)
            guard let match else { break }
            let agent = remaining.remove(at: match)
            facts.gpus[index].name = agent.marketingName ?? facts.gpus[index].name
            if facts.gpus[index].gfxTarget == nil { facts.gpus[index].gfxTarget = agent.isa }
        }
    }
}
