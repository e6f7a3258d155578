// The few words after each area's name in `onramp doctor` (and on the wizard's Scan screen): what
// the probe saw there, and whether it found nothing at all there.

import Probe

public enum AreaSummary {
    static func distroFamily(_ facts: MachineFacts) -> DistroFamily {
        DistroFamily.from(id: facts.os.distroID, idLike: facts.os.distroFamily.joined(separator: " "))
    }

    /// True where the probe looked and found nothing of the kind (no graphics card, no other AI
    /// tool): not a failure, and not something that passed either.
    public static func foundNothing(in area: Area, facts: MachineFacts) -> Bool {
        switch area {
        case .gpu: facts.gpus.isEmpty
        case .runtimes: runtimeNames(facts.runtimes).isEmpty && facts.runtimes.modelFolders.isEmpty
        case .cpu, .memory, .disk, .system, .environment, .terminal: false
        }
    }

    public static func line(for area: Area, facts: MachineFacts) -> String {
        switch area {
        case .cpu: cpu(facts.cpu)
        case .memory: memory(facts.memory)
        case .disk: disk(facts.disks)
        case .gpu: gpus(facts)
        case .system: system(facts)
        case .environment: environment(facts.environment)
        case .runtimes: runtimes(facts.runtimes)
        case .terminal: terminal(facts.environment)
        }
    }

    private static func cpu(_ cpu: CPUFacts) -> String {
        var parts = [cpu.modelName ?? "unknown model"]
        switch (cpu.physicalCores, cpu.logicalCores) {
        case (let cores?, let threads?) where threads != cores: parts.append("\(cores) cores, \(threads) threads")
        case (let cores?, _): parts.append("\(cores) cores")
        case (nil, let threads?): parts.append("\(threads) threads")
        case (nil, nil): break
        }
        if let features = cpu.features {
            let best: [CPUFeature] = [.avx512f, .avx2, .avx, .sve, .dotprod, .neon]
            parts.append(best.first(where: features.contains).map { $0.rawValue.uppercased() } ?? "no vector extensions")
        }
        return parts.joined(separator: ", ")
    }

    private static func memory(_ memory: MemoryFacts) -> String {
        guard let total = memory.totalBytes else { return "could not be read" }
        var parts = ["\(Quantity.gib(total)) installed"]
        if let available = memory.availableBytes { parts.append("\(Quantity.gib(available)) available") }
        if let limit = memory.cgroup?.memoryLimit?.value, limit < total {
            parts.append("limited to \(Quantity.gib(limit))")
        }
        if let swap = memory.swapTotalBytes { parts.append(swap == 0 ? "no swap" : "swap \(Quantity.gib(swap))") }
        return parts.joined(separator: ", ")
    }

    private static func disk(_ disks: [DiskFacts]) -> String {
        guard let disk = disks.first else { return "not measured" }
        guard let free = disk.availableBytes else { return "\(disk.path) (free space unknown)" }
        return "\(Quantity.gib(free)) free for \(disk.purpose) (\(disk.path))"
    }

    static func gpuName(_ gpu: GPUFacts) -> String {
        if let name = gpu.name { return name }
        if let known = PCIDeviceNames.name(vendorID: gpu.vendorID, deviceID: gpu.deviceID) {
            return "\(known) [\(gpu.vendorID ?? "?"):\(gpu.deviceID ?? "?")]"
        }
        let vendor = switch gpu.vendor {
        case .nvidia: "NVIDIA"
        case .amd: "AMD"
        case .intel: "Intel"
        case .other: "Unknown"
        }
        return "\(vendor) graphics [\(gpu.vendorID ?? "?"):\(gpu.deviceID ?? "?")]"
    }

    private static func gpus(_ facts: MachineFacts) -> String {
        guard !facts.gpus.isEmpty else { return "none found; models run on the CPU" }
        return facts.gpus.map { gpu in
            var details: [String] = []
            if let vram = gpu.vramBytes { details.append(Quantity.gib(vram)) }
            details.append(driverText(gpu, facts))
            if gpu.isSuspended { details.append("asleep") }
            return gpuName(gpu) + " (" + details.joined(separator: ", ") + ")"
        }.joined(separator: "; ")
    }

    /// "driver nvidia 550.54.15"; under WSL the driver is Windows' own, not missing.
    private static func driverText(_ gpu: GPUFacts, _ facts: MachineFacts) -> String {
        let nvidia = facts.drivers.nvidia
        let version = gpu.vendor == .nvidia ? (nvidia.smiDriverVersion ?? nvidia.kernelModuleVersion) : nil
        if gpu.driver == nil, facts.environment.wsl != nil {
            return "Windows driver" + (version.map { " " + $0 } ?? "")
        }
        guard let driver = gpu.driver else { return "no driver" }
        return "driver \(driver)" + (version.map { " " + $0 } ?? "")
    }

    private static func system(_ facts: MachineFacts) -> String {
        var parts = [facts.os.prettyName ?? facts.os.distroID ?? "unknown Linux"]
        if let kernel = facts.os.kernelRelease { parts.append("kernel \(kernel)") }
        if let container = facts.environment.container { parts.append("in a \(container.rawValue) container") }
        if let wsl = facts.environment.wsl { parts.append("WSL \(wsl.version.map(String.init) ?? "")".trimmedRight()) }
        if let virt = facts.environment.virtualization, virt != "none", facts.environment.wsl == nil {
            parts.append("virtual machine (\(virt))")
        }
        return parts.joined(separator: ", ")
    }

    private static func environment(_ env: EnvironmentFacts) -> String {
        var set: [String] = []
        if env.cudaVisibleDevices != nil { set.append("CUDA_VISIBLE_DEVICES") }
        if env.hsaOverrideGfxVersion != nil { set.append("HSA_OVERRIDE_GFX_VERSION") }
        if env.ldLibraryPath != nil { set.append("LD_LIBRARY_PATH") }
        set += env.proxyVariables
        return set.isEmpty ? "nothing set that affects models" : "set: " + set.joined(separator: ", ")
    }

    private static func runtimeNames(_ runtimes: RuntimeFacts) -> [String] {
        var parts: [String] = []
        if runtimes.ollamaBinary != nil || runtimes.ollamaService != nil { parts.append("Ollama") }
        if runtimes.lmStudioPath != nil { parts.append("LM Studio") }
        if !runtimes.llamaCppBinaries.isEmpty { parts.append("llama.cpp") }
        return parts
    }

    private static func runtimes(_ runtimes: RuntimeFacts) -> String {
        let parts = runtimeNames(runtimes)
        let folders = runtimes.modelFolders.map(\.tool)
        var line = parts.isEmpty ? "none found" : parts.joined(separator: ", ")
        if !folders.isEmpty { line += "; models from " + folders.joined(separator: ", ") }
        return line
    }

    private static func terminal(_ env: EnvironmentFacts) -> String {
        "\(env.term ?? "TERM unset"), \(env.locale ?? "locale unset")"
    }
}

extension String {
    func trimmedRight() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
