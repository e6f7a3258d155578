// Machine facts for people: grouped by area, labels aligned, "unknown" where the probe could not tell.

import Foundation
import PlainText

public enum FactsText {
    /// `verbose` shows long lists whole (every dkms line, kernel message and compiled architecture).
    public static func render(_ facts: MachineFacts, areas: [ProbeArea] = ProbeArea.allCases, verbose: Bool = false) -> String {
        var sections = areas.map { section($0.title, rows(for: $0, facts, verbose: verbose)) }
        let troubles = toolRows(facts)
        if !troubles.isEmpty { sections.append(section("Tools that did not answer", troubles)) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private static func section(_ title: String, _ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        let body = rows.map { label, value in
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }
        return ([title] + body).joined(separator: "\n")
    }

    /// Tools that were present but failed, timed out or were skipped; a missing tool is normal and not listed.
    public static func toolRows(_ facts: MachineFacts) -> [(String, String)] {
        facts.commands.filter { $0.outcome != .succeeded && $0.outcome != .notFound }.map { command -> (String, String) in
            var name = command.argv.first.map { String($0.split(separator: "/").last ?? "") } ?? "command"
            // Onramp's own children (the CUDA and Vulkan tests) differ only in their arguments.
            if name == "onramp" { name = command.argv.joined(separator: " ") }
            let status = command.exitStatus.map { " (exit status \($0))" } ?? ""
            return (name, command.outcome.rawValue + status + (command.note.map { ": " + $0 } ?? ""))
        }
    }

    public static func rows(for area: ProbeArea, _ facts: MachineFacts, verbose: Bool = false) -> [(String, String)] {
        switch area {
        case .cpu:
            let cpu = facts.cpu
            return [
                ("Model", cpu.modelName ?? "unknown"),
                ("Architecture", cpu.architecture ?? "unknown"),
                ("Cores", "\(cpu.physicalCores.map(String.init) ?? "unknown") physical, \(cpu.logicalCores.map(String.init) ?? "unknown") logical"),
                ("Features", cpu.features.map { $0.isEmpty ? "none that matter" : $0.map(\.rawValue).joined(separator: " ") } ?? "unknown"),
            ]
        case .memory:
            let memory = facts.memory
            var rows = [
                ("Total", bytes(memory.totalBytes)),
                ("Available", bytes(memory.availableBytes)),
                ("Swap", memory.swapTotalBytes == 0 ? "none" : bytes(memory.swapTotalBytes)),
            ]
            if let cgroup = memory.cgroup {
                rows.append(("Container limit", limitText(cgroup.memoryLimit) { bytes($0) }))
                rows.append(("CPU limit", limitText(cgroup.cpuLimitCores) { String(format: "%.1f cores", $0) }))
            }
            return rows
        case .disks:
            return facts.disks.isEmpty ? [("Models folder", "unknown")] : facts.disks.flatMap { disk in
                [("Models folder", disk.path), ("Free there", "\(bytes(disk.availableBytes)) of \(bytes(disk.totalBytes))")]
            }
        case .os:
            let os = facts.os
            return [
                ("System", os.prettyName ?? os.distroID ?? "unknown"),
                ("Kernel", os.kernelRelease ?? "unknown"),
                ("C library", os.glibcVersion.map { "glibc " + $0 } ?? "unknown"),
            ]
        case .environment:
            return environmentRows(facts.environment)
        case .gpus:
            return gpuRows(facts) + driverChannelRows(facts, verbose: verbose)
        case .runtimes:
            let runtimes = facts.runtimes
            var rows = [
                ("Ollama", runtimes.ollamaBinary ?? "not installed"),
                ("Port 11434", runtimes.port11434InUse.map { $0 ? "in use" : "free" } ?? "unknown"),
                ("LM Studio", runtimes.lmStudioPath ?? "not found"),
                ("llama.cpp", runtimes.llamaCppBinaries.isEmpty ? "not found" : runtimes.llamaCppBinaries.joined(separator: ", ")),
            ]
            rows += runtimes.modelFolders.map { ("Models (\($0.tool))", "\($0.path) (\($0.entries) entries)") }
            let cards = facts.gpus.filter { $0.vendor == .nvidia }.compactMap(\.computeCapability)
                .map { "sm_" + $0.replacingOccurrences(of: ".", with: "") }
            return rows + runtimeChannelRows(runtimes, cards: cards, verbose: verbose) + containerHostRows(facts.containerHost, verbose: verbose)
        }
    }

    private static func environmentRows(_ environment: EnvironmentFacts) -> [(String, String)] {
        var rows = [("Container", environment.container.map { $0.rawValue + (environment.containerEvidence.map { " (\($0))" } ?? "") } ?? "none found")]
        if let wsl = environment.wsl {
            rows.append(("WSL", "version \(wsl.version.map(String.init) ?? "unknown"), /dev/dxg \(wsl.dxgPresent ? "present" : "missing"), libcuda \(wsl.wslLibcudaPresent ? "present" : "missing")"))
        }
        rows.append(("Virtual machine", environment.virtualization ?? "unknown"))
        rows.append(("Secure Boot", environment.secureBoot.map { $0 ? "on" : "off" } ?? "unknown"))
        if let devices = environment.cudaVisibleDevices { rows.append(("CUDA_VISIBLE_DEVICES", devices.isEmpty ? "(empty)" : devices)) }
        if let version = environment.hsaOverrideGfxVersion { rows.append(("HSA_OVERRIDE_GFX_VERSION", version)) }
        if let paths = environment.ldLibraryPath { rows.append(("LD_LIBRARY_PATH", paths.joined(separator: ":"))) }
        if !environment.proxyVariables.isEmpty { rows.append(("Proxy set", environment.proxyVariables.joined(separator: ", "))) }
        rows.append(("Locale", environment.locale ?? "unset"))
        rows.append(("Terminal", environment.term ?? "unset"))
        return rows
    }

    private static func gpuRows(_ facts: MachineFacts) -> [(String, String)] {
        var rows: [(String, String)] = facts.gpus.isEmpty ? [("GPU", "none found")] : []
        for gpu in facts.gpus {
            let id = "[\(gpu.vendorID ?? "?"):\(gpu.deviceID ?? "?")]"
            let name = gpu.name ?? PCIDeviceNames.name(vendorID: gpu.vendorID, deviceID: gpu.deviceID).map { $0 + " " + id }
                ?? "\(gpu.vendor.displayName) device \(id)"
            // A GPU known only from its vendor's tool (WSL) has no sysfs driver to name.
            var details = [gpu.vendorID == nil ? "seen by the vendor's tool" : "driver " + (gpu.driver ?? "none")]
            if let vram = gpu.vramBytes { details.append(bytes(vram) + " memory") }
            if let target = gpu.gfxTarget { details.append(target) }
            if let capability = gpu.computeCapability { details.append("compute " + capability) }
            if gpu.isSuspended { details.append("asleep") }
            rows.append(("GPU " + (gpu.pciAddress ?? ""), "\(name) (\(details.joined(separator: ", ")))"))
        }
        let drivers = facts.drivers
        if let version = drivers.nvidia.kernelModuleVersion ?? drivers.nvidia.sysModuleVersion { rows.append(("NVIDIA module", version)) }
        if let error = drivers.nvidia.smiError { rows.append(("nvidia-smi", error)) }
        if let version = drivers.amd.rocmVersion { rows.append(("ROCm", version)) }
        if let error = drivers.amd.rocminfoError { rows.append(("rocminfo", error)) }
        let libraries = drivers.libraries.map { $0.name + ($0.version.map { " " + $0 } ?? "") }
        rows.append(("GPU libraries", libraries.isEmpty ? "none" : Array(Set(libraries)).sorted().joined(separator: ", ")))
        rows.append(("Vulkan", drivers.vulkan.loaderPresent == true ? "loader present, \(drivers.vulkan.icdFiles.count) driver file(s)" : "no loader"))
        if let user = drivers.user { rows.append(("Your groups", user.groups.joined(separator: " "))) }
        return rows
    }

    private static func limitText<Value>(_ limit: Limit<Value>?, _ format: (Value) -> String) -> String {
        switch limit {
        case nil: "unknown"
        case .unlimited?: "none"
        case .limited(let value)?: format(value)
        }
    }

    /// Binary units, one decimal: what `free -h` users expect.
    public static func bytes(_ value: UInt64?) -> String {
        value.map { NumberText.binaryBytes($0) } ?? "unknown"
    }
}
