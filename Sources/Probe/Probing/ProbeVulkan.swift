// Vulkan and Intel compute: the loader, ICD manifests, vulkaninfo's device list, OpenCL and Level Zero.

extension ProbeSession {
    func probeVulkan() {
        var vulkan = VulkanFacts()
        vulkan.loaderPresent = facts.drivers.libraries.contains { $0.name == "libvulkan.so" }
        vulkan.icdFiles = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"].flatMap { folder in
            (source.listDirectory(folder) ?? []).filter { $0.hasSuffix(".json") }.map { folder + "/" + $0 }
        }
        if !facts.gpus.isEmpty {
            let sleeping = facts.gpus.contains(where: \.isSuspended)
            if let result = runTool("vulkaninfo", ["--summary"], skipBecause: sleeping ? "a GPU is asleep; vulkaninfo would wake every GPU" : nil) {
                vulkan.devices = VulkanSummaryReader.deviceNames(result.stdout)
                vulkan.hardwareDevices = VulkanSummaryReader.hardwareDeviceNames(result.stdout)
                if vulkan.devices.isEmpty {
                    vulkan.vulkaninfoError = VulkanSummaryReader.errorLine(stdout: result.stdout, stderr: result.stderr)
                }
                nameFromVulkan(vulkan.hardwareDevices ?? vulkan.devices)
            }
        }
        // Never where a card is asleep: every Vulkan driver wakes its card. Without a card on the bus
        // and without a loader there is nothing to find (and the engine's answer is plain).
        let worthAsking = vulkan.loaderPresent != false || facts.gpus.contains { $0.vendor != .other }
        if worthAsking, !facts.gpus.contains(where: \.isSuspended) {
            (vulkan.initTest, vulkan.engineCard) = vulkanInitTest()
        }
        facts.drivers.vulkan = vulkan
    }

    /// Instance and devices through the real loader in a child process, and the device Onramp's engine
    /// would choose (or why none). Run also without a GPU on the bus (where a loader is there) and
    /// without a loader in the linker's cache (where a card is there): the engine's answer (a software
    /// renderer only, no loader) is worth showing there too, and the child costs one process start.
    private func vulkanInitTest() -> (VulkanInitFacts?, EngineGraphicsCard?) {
        switch runInitTest(VulkanInitTest.argv, shown: VulkanInitTest.shownArgv, timeout: VulkanInitTest.timeout,
                            libraryMissing: VulkanInitTest.Status.libraryMissing.rawValue) {
        case .answered(let output): return (VulkanInitReader.read(output), EngineGraphicsCardText.read(output))
        case .libraryMissing(let output): return (nil, EngineGraphicsCardText.read(output))
        // A crash or a hang says nothing about which device the engine would choose.
        case .crashed: return (VulkanInitFacts(crashed: true), nil)
        case .timedOut: return (VulkanInitFacts(timedOut: true), nil)
        case .absent: return (nil, nil)
        }
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

    func probeIntelCompute() {
        var intel = IntelComputeFacts()
        intel.openCLICDs = (source.listDirectory("/etc/OpenCL/vendors") ?? []).map { "/etc/OpenCL/vendors/" + $0 }
        intel.levelZeroPresent = facts.drivers.libraries.contains { $0.name == "libze_intel_gpu.so" }
        facts.drivers.intel = intel
    }
}
