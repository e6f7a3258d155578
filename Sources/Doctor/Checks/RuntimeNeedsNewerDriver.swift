// Finds a GPU runtime that another tool carries (Ollama's CUDA libraries, a pip wheel of torch) built
// for a newer CUDA than the NVIDIA driver supports: the tool then runs on the CPU or stops, although
// nvidia-smi and every check of the driver itself look fine.

import Probe

public struct RuntimeNeedsNewerDriver: Check {
    static let kind = FindingKind(
        id: "nvidia.runtime-needs-newer-driver", area: .gpu, severity: .error,
        title: "An installed AI tool needs a newer NVIDIA driver than this one",
        explanation: "Ollama and PyTorch bring their own CUDA libraries. Each CUDA release needs a driver that "
            + "supports it (nvidia-smi shows the newest CUDA the driver supports, top right). With an older "
            + "driver the tool says \"CUDA driver version is insufficient\" or \"the NVIDIA driver on your "
            + "system is too old\" and runs on the CPU.",
        fix: DriverTooOldForCuda.kind.fix)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let driverText = facts.drivers.nvidia.driverCUDAVersion, let runtimes = facts.runtimes.bundledGPURuntimes
        else { return [] }
        guard let driverCUDA = DottedVersion(driverText) else { throw OddFact("driver CUDA version \"\(driverText)\" is not a version") }
        var findings: [Finding] = []
        for tool in Self.tools(runtimes) {
            let builds = runtimes.filter { $0.tool == tool && $0.cudaVersion != nil }
            let versions = builds.compactMap { $0.cudaVersion.flatMap(DottedVersion.init) }
            // A tool that carries several builds (Ollama's cuda_v11 and cuda_v12) picks one that runs.
            guard !versions.isEmpty, !versions.contains(where: { CUDAReleases.runs($0, onDriverSupporting: driverCUDA) }),
                  let oldest = versions.min() else { continue }
            var evidence = builds.map { "\(CUDAReleases.toolName(tool)) carries " + CUDAReleases.describe($0) }
            evidence.append("NVIDIA driver \(facts.drivers.nvidia.smiDriverVersion ?? facts.drivers.nvidia.kernelModuleVersion ?? "") supports CUDA up to \(driverText)")
            var fix = DriverTooOldForCuda.kind.fix ?? Fix()
            if let (release, needed) = DriverTooOldForCuda.minimum(for: oldest) {
                evidence.append("CUDA \(release) needs driver \(needed) or newer")
                fix = DriverTooOldForCuda.fix(needing: needed)
            }
            if tool == "torch", let wheel = Self.torchWheel(for: driverCUDA) {
                fix = fix.appending(.manual("Or keep this driver and install a PyTorch build for its CUDA: "
                    + "`pip install --force-reinstall torch --index-url https://download.pytorch.org/whl/\(wheel)`."))
            }
            findings.append(Self.kind.found(evidence: evidence, fix: fix))
        }
        return findings
    }

    static func tools(_ runtimes: [BundledGPURuntime]) -> [String] {
        var seen = Set<String>()
        return runtimes.map(\.tool).filter { seen.insert($0).inserted }
    }

    /// The PyTorch wheel index for a driver's CUDA major (cu118 runs on any 11.x driver, cu126 on 12.x).
    static func torchWheel(for driverCUDA: DottedVersion) -> String? {
        switch driverCUDA.parts[0] {
        case 11: "cu118"
        case 12: "cu126"
        default: nil
        }
    }
}
