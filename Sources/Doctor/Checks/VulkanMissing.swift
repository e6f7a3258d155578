// Finds a GPU that Vulkan-based tools cannot use: no Vulkan loader, or no driver (ICD) for the card.

import Probe

public struct VulkanMissing: Check {
    public let id = "vulkan"
    public let area = Area.gpu

    static let loaderPackages: [DistroFamily: [String]] = [
        .apt: ["libvulkan1", "mesa-vulkan-drivers"], .dnf: ["vulkan-loader", "mesa-vulkan-drivers"],
        .pacman: ["vulkan-icd-loader"], .zypper: ["libvulkan1"],
    ]

    static let loaderMissing = FindingKind(
        id: "vulkan.loader-missing", area: .gpu, severity: .warning,
        title: "The Vulkan loader (libvulkan.so.1) is not installed",
        explanation: "Vulkan is the one way to use AMD, Intel and NVIDIA cards alike (llama.cpp's Vulkan "
            + "backend, GPT4All, LM Studio). Without the loader library those tools fall back to the CPU.",
        fix: .packages(loaderPackages, otherwise: [.manual("Install your distribution's Vulkan loader package (libvulkan.so.1).")]),
        runnable: true)

    static let icdMissing = FindingKind(
        id: "vulkan.icd-missing", area: .gpu, severity: .warning,
        title: "There is no Vulkan driver for this graphics card",
        explanation: "Vulkan finds each card through a driver manifest (ICD) in /usr/share/vulkan/icd.d. For "
            + "AMD and Intel cards it comes from Mesa (RADV, ANV); Intel Arc needs a recent Mesa. Without it "
            + "Vulkan tools see no GPU and run on the CPU.",
        fix: .packages(
            [.apt: ["mesa-vulkan-drivers"], .dnf: ["mesa-vulkan-drivers"], .pacman: ["vulkan-radeon", "vulkan-intel"],
             .zypper: ["libvulkan_radeon", "libvulkan_intel"]],
            otherwise: [.manual("Install Mesa's Vulkan drivers (RADV for AMD, ANV for Intel).")]),
        runnable: true)

    public var kinds: [FindingKind] { [Self.loaderMissing, Self.icdMissing] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let vulkan = facts.drivers.vulkan
        // WSL and containers get graphics from elsewhere; a missing loader there is expected.
        guard !facts.gpus.isEmpty, !facts.inWSL, !facts.inContainer else { return [] }
        let family = facts.family
        if vulkan.loaderPresent == false, facts.librariesWereListed {
            return [Self.loaderMissing.found(
                evidence: ["libvulkan.so.1: not found by the dynamic linker"] + facts.gpus.map { "GPU: \(AreaSummary.gpuName($0))" },
                action: Self.install(Self.loaderPackages[family], family: family, id: "install-vulkan-loader"))]
        }
        guard vulkan.loaderPresent == true else { return [] }
        let uncovered = facts.gpus.filter { gpu in
            guard let manifest = Self.manifestName(gpu.vendor), gpu.driver != nil else { return false }
            return !vulkan.icdFiles.contains { $0.split(separator: "/").last?.hasPrefix(manifest) == true }
        }
        guard !uncovered.isEmpty else { return [] }
        let packages = Self.icdPackages(for: uncovered.map(\.vendor), family: family)
        var evidence = uncovered.map { "no Vulkan driver for \(AreaSummary.gpuName($0)) (driver \($0.driver ?? "none"))" }
        evidence.append("ICD manifests: " + (vulkan.icdFiles.isEmpty ? "none" : vulkan.icdFiles.joined(separator: " ")))
        return [Self.icdMissing.found(
            evidence: evidence,
            fix: packages.flatMap(family.installLine).map { .steps(.command($0)) },
            action: Self.install(packages, family: family, id: "install-vulkan-driver"))]
    }

    /// The start of the ICD manifest's file name each vendor's Linux driver installs.
    static func manifestName(_ vendor: GPUVendor) -> String? {
        switch vendor {
        case .amd: "radeon_icd"
        case .intel: "intel"  // intel_icd (ANV) and intel_hasvk_icd (older chips)
        // NVIDIA's manifest ships with its driver; driver problems have their own findings.
        case .nvidia, .other: nil
        }
    }

    static func icdPackages(for vendors: [GPUVendor], family: DistroFamily) -> [String]? {
        switch family {
        case .apt, .dnf: return ["mesa-vulkan-drivers"]
        case .pacman: return vendors.compactMap { $0 == .amd ? "vulkan-radeon" : $0 == .intel ? "vulkan-intel" : nil }.nilIfEmpty
        case .zypper: return vendors.compactMap { $0 == .amd ? "libvulkan_radeon" : $0 == .intel ? "libvulkan_intel" : nil }.nilIfEmpty
        case .generic: return nil
        }
    }

    static func install(_ packages: [String]?, family: DistroFamily, id: String) -> FixAction? {
        guard let packages, let command = family.installCommand(packages) else { return nil }
        return FixAction(
            id: id, changes: "Installs the packages " + packages.joined(separator: ", ") + " with \(family.rawValue).",
            commands: [command], needsRoot: true)
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
