// The graphics area: PCI display devices from sysfs first (cheap, never wakes a GPU), then driver
// modules, libraries, device nodes, and the vendors' tools when they are present and the GPU is awake.

import Foundation

extension ProbeSession {
    func probeGPUs() {
        facts.gpus = pciDisplayDevices()
        facts.drivers.libraries = libraries()
        facts.drivers.renderNodes = (source.listDirectory("/dev/dri") ?? []).filter { $0.hasPrefix("renderD") }.map(deviceNode)
        facts.drivers.user = source.currentUser()
        probeNvidia()
        probeAMD()
        probeVulkan()
        probeIntelCompute()
    }

    private func pciDisplayDevices() -> [GPUFacts] {
        let root = "/sys/bus/pci/devices"
        return (source.listDirectory(root) ?? []).compactMap { address in
            let folder = root + "/" + address
            guard let pciClass = line(folder + "/class").map(hex), pciClass.hasPrefix("03") else { return nil }
            let vendorID = line(folder + "/vendor").map(hex)
            var gpu = GPUFacts(
                pciAddress: address, vendor: vendorID.map(GPUVendor.init(pciVendorID:)) ?? .other, vendorID: vendorID,
                deviceID: line(folder + "/device").map(hex), pciClass: pciClass
            )
            gpu.driver = source.fileInfo(folder + "/driver")?.target.map { String($0.split(separator: "/").last ?? "") }
            gpu.bootVGA = line(folder + "/boot_vga").map { $0 == "1" }
            gpu.powerState = line(folder + "/power_state")
            gpu.runtimeStatus = line(folder + "/power/runtime_status")
            gpu.renderNode = source.listDirectory(folder + "/drm")?.first { $0.hasPrefix("renderD") }.map { "/dev/dri/" + $0 }
            // amdgpu publishes VRAM in sysfs; reading it does not wake the card.
            if let vram = line(folder + "/mem_info_vram_total").flatMap(UInt64.init) {
                gpu.vramBytes = vram
                gpu.vramSource = "sysfs"
            }
            return gpu
        }
    }

    private func hex(_ value: String) -> String {
        (value.hasPrefix("0x") ? String(value.dropFirst(2)) : value).lowercased()
    }

    func deviceNode(_ name: String) -> DeviceNode {
        let path = name.hasPrefix("/") ? name : "/dev/dri/" + name
        let info = source.fileInfo(path)
        return DeviceNode(path: path, owner: info?.owner, group: info?.group, mode: info?.mode)
    }

    private func libraries() -> [LibraryFact] {
        guard let result = runTool("ldconfig", ["-p"]), result.succeeded else { return [] }
        var seen = Set<String>()
        return LdconfigReader.entries(result.stdout).compactMap { entry in
            guard seen.insert(entry.path).inserted else { return nil }
            return LibraryFact(name: entry.baseName, path: entry.path, version: libraryVersion(entry))
        }
    }

    /// The version is in the real file's name, behind one or two symbolic links (`libcuda.so.1` → `libcuda.so.535.183.01`).
    private func libraryVersion(_ entry: LdconfigReader.Entry) -> String? {
        var path = entry.path
        for _ in 0..<3 {
            guard let target = source.fileInfo(path)?.target else { break }
            path = target.hasPrefix("/") ? target : (path.split(separator: "/").dropLast().joined(separator: "/").prefixedSlash + "/" + target)
        }
        let fileName = String(path.split(separator: "/").last ?? "")
        return LdconfigReader.version(fromFileName: fileName) ?? LdconfigReader.version(fromFileName: entry.soname)
    }

    private func probeNvidia() {
        var nvidia = NvidiaFacts()
        nvidia.moduleLoaded = exists("/sys/module/nvidia")
        nvidia.uvmLoaded = exists("/sys/module/nvidia_uvm")
        nvidia.nouveauLoaded = exists("/sys/module/nouveau")
        nvidia.kernelModuleVersion = text("/proc/driver/nvidia/version").flatMap(NvidiaVersionReader.kernelModuleVersion)
        nvidia.sysModuleVersion = line("/sys/module/nvidia/version")
        nvidia.deviceNodes = (source.listDirectory("/dev") ?? []).filter { $0.hasPrefix("nvidia") }
        nvidia.cudaToolkitVersion = cudaToolkitVersion()

        let nvidiaGPUs = facts.gpus.filter { $0.vendor == .nvidia }
        // On WSL the GPU is not on a PCI bus we can see; nvidia-smi is the only way to it.
        guard !nvidiaGPUs.isEmpty || facts.environment.wsl != nil else {
            facts.drivers.nvidia = nvidia
            return
        }
        let sleeping = nvidiaGPUs.filter(\.isSuspended).compactMap(\.pciAddress)
        let reason = sleeping.isEmpty ? nil : "the NVIDIA GPU at \(sleeping.joined(separator: ", ")) is asleep (runtime suspended); asking nvidia-smi would wake it"
        if let result = runTool("nvidia-smi", NvidiaSmiReader.arguments, skipBecause: reason) {
            if result.succeeded {
                for row in NvidiaSmiReader.rows(result.stdout) { merge(row) }
                nvidia.smiDriverVersion = NvidiaSmiReader.rows(result.stdout).first?.driverVersion
            } else if result.outcome == .exited {
                nvidia.smiError = NvidiaSmiReader.errorLine(stdout: result.stdout, stderr: result.stderr)
            }
        }
        facts.drivers.nvidia = nvidia
    }

    private func merge(_ row: NvidiaSmiReader.Row) {
        let vram = row.memoryMiB.map { $0 * 1024 * 1024 }
        if let index = facts.gpus.firstIndex(where: { $0.pciAddress == row.pciAddress }) {
            facts.gpus[index].name = row.name
            facts.gpus[index].computeCapability = row.computeCapability
            if let vram {
                facts.gpus[index].vramBytes = vram
                facts.gpus[index].vramSource = "nvidia-smi"
            }
        } else {
            facts.gpus.append(GPUFacts(
                pciAddress: row.pciAddress, vendor: .nvidia, name: row.name, vramBytes: vram,
                vramSource: vram == nil ? nil : "nvidia-smi", computeCapability: row.computeCapability
            ))
        }
    }

    private func cudaToolkitVersion() -> String? {
        if let json = text("/usr/local/cuda/version.json"),
           let file = try? JSONDecoder().decode(CUDAVersionFile.self, from: Data(json.utf8)) {
            return file.cuda.version
        }
        // Older toolkits: "CUDA Version 11.2.152".
        return line("/usr/local/cuda/version.txt")?.firstDottedVersion
    }

    private struct CUDAVersionFile: Decodable {
        struct Component: Decodable { var version: String }
        var cuda: Component
    }

    private func probeAMD() {
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

    private func probeVulkan() {
        var vulkan = VulkanFacts()
        vulkan.loaderPresent = facts.drivers.libraries.contains { $0.name == "libvulkan.so" }
        vulkan.icdFiles = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"].flatMap { folder in
            (source.listDirectory(folder) ?? []).filter { $0.hasSuffix(".json") }.map { folder + "/" + $0 }
        }
        if !facts.gpus.isEmpty {
            let sleeping = facts.gpus.contains(where: \.isSuspended)
            if let result = runTool("vulkaninfo", ["--summary"], skipBecause: sleeping ? "a GPU is asleep; vulkaninfo would wake every GPU" : nil) {
                vulkan.devices = VulkanSummaryReader.deviceNames(result.stdout)
                if vulkan.devices.isEmpty {
                    vulkan.vulkaninfoError = VulkanSummaryReader.errorLine(stdout: result.stdout, stderr: result.stderr)
                }
                nameFromVulkan(vulkan.devices)
            }
        }
        facts.drivers.vulkan = vulkan
    }

    /// Intel and nouveau-driven cards have no other tool that names them.
    private func nameFromVulkan(_ devices: [String]) {
        for index in facts.gpus.indices where facts.gpus[index].name == nil {
            let vendorWord: String
            switch facts.gpus[index].vendor {
            case .intel: vendorWord = "Intel"
            case .nvidia: vendorWord = "NV"
            case .amd: vendorWord = "AMD"
            case .other: continue
            }
            facts.gpus[index].name = devices.first { $0.contains(vendorWord) }
        }
    }

    private func probeIntelCompute() {
        var intel = IntelComputeFacts()
        intel.openCLICDs = (source.listDirectory("/etc/OpenCL/vendors") ?? []).map { "/etc/OpenCL/vendors/" + $0 }
        intel.levelZeroPresent = facts.drivers.libraries.contains { $0.name == "libze_intel_gpu.so" }
        facts.drivers.intel = intel
    }
}

extension String {
    fileprivate var prefixedSlash: String { hasPrefix("/") ? self : "/" + self }
}
