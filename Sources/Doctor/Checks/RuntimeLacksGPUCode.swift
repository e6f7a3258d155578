// Compares the card generations an installed tool's CUDA library was compiled for (read from its fat
// binary: `sm_61` machine code, `compute_90` PTX) with each NVIDIA card's compute capability. This says
// plainly what the CUDA release alone can only guess: PyTorch's cu128 wheels dropped Pascal (sm_60/61)
// although CUDA 12.8 still builds for it, and Ollama 0.30 and later use a card only when its exact
// generation is on the list of the CUDA library it picks ("skipping CUDA device — compute capability not
// in compiled architectures"), whatever CUDA's own compatibility rules allow.

import Probe

public struct RuntimeLacksGPUCode: Check {
    public let id = "nvidia.runtime-gpu-code"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "nvidia.runtime-lacks-gpu-code", area: .gpu, severity: .error,
        title: "Ollama's CUDA library has no code for this NVIDIA card, so Ollama runs on the CPU",
        explanation: "Ollama's CUDA library is compiled for a list of card generations (\"compute capabilities\"). "
            + "Recent Ollama releases use a card only when its exact generation is on the list of the library "
            + "they pick (the one for the newest CUDA the driver supports); any other card is skipped without "
            + "an error and models run slowly on the processor. A newer driver does not change that.",
        fix: .steps(
            .manual("Install an Ollama release whose CUDA library includes this card: a newer release once it "
                + "lists it, or an earlier one that did (`curl -fsSL https://ollama.com/install.sh | OLLAMA_VERSION=0.24.0 sh`); "
                + "then `ollama ps` shows the model on the GPU."),
            .manual("Or let Ollama reach the card through Vulkan instead of CUDA: `sudo systemctl edit ollama`, add "
                + "`Environment=\"OLLAMA_VULKAN=1\"` under `[Service]`, then `sudo systemctl restart ollama`.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let runtimes = facts.runtimes.bundledGPURuntimes else { return [] }
        var findings: [Finding] = []
        for gpu in facts.gpus(.nvidia) {
            guard let text = gpu.computeCapability else { continue }
            guard let card = Self.capabilityNumber(text) else { throw OddFact("compute capability \"\(text)\" is not a version") }
            let cardLine = "\(AreaSummary.gpuName(gpu)): compute capability \(text) (sm_\(card))"
            for tool in RuntimeNeedsNewerDriver.tools(runtimes) {
                let listed = Self.listedBuilds(runtimes, tool: tool)
                guard !listed.isEmpty else { continue }
                if tool == "ollama" {
                    let used = Self.buildsOllamaPicks(listed, driverCUDA: facts.drivers.nvidia.driverCUDAVersion)
                    guard !used.isEmpty, !used.contains(where: { Self.hasExactCode($0.architectures, card: card) }) else { continue }
                    var evidence = [cardLine] + used.map { Self.describe($0, tool: tool) }
                    if let driver = facts.drivers.nvidia.driverCUDAVersion, used.count < listed.count {
                        evidence.append("The driver supports CUDA up to \(driver), so Ollama uses the library for CUDA \(used[0].runtime.cudaVersion ?? "?")")
                        evidence += listed.filter { build in !used.contains { $0.runtime.path == build.runtime.path } }
                            .map { Self.describe($0, tool: tool) + " (not used)" }
                    }
                    findings.append(Self.kind.found(evidence: evidence))
                } else if !listed.contains(where: { Self.cudaRuns($0.architectures, card: card) }) {
                    let all = listed.flatMap { $0.architectures.machineCode + $0.architectures.ptx }
                    let evidence = [cardLine] + listed.map { Self.describe($0, tool: tool) }
                    if let lowest = all.min(), card < lowest {
                        findings.append(RuntimeCannotRunOnGPU.tooOld.found(
                            evidence: evidence, fix: Self.olderTorchFix(card: card),
                            title: "This NVIDIA card is older than every card generation the installed PyTorch was compiled for"))
                    } else {
                        findings.append(RuntimeCannotRunOnGPU.tooNew.found(
                            evidence: evidence, title: "This NVIDIA card is newer than every card generation the installed PyTorch was compiled for"))
                    }
                }
            }
        }
        return findings
    }

    struct ListedBuild {
        var runtime: BundledGPURuntime
        var architectures: CUDAFatBinaryReader.Architectures
    }

    /// The builds of a tool whose architectures were read.
    static func listedBuilds(_ runtimes: [BundledGPURuntime], tool: String) -> [ListedBuild] {
        runtimes.filter { $0.tool == tool }.compactMap { runtime in
            runtime.cudaArchitectures.flatMap { CUDAFatBinaryReader.Architectures(text: $0.joined(separator: " ")) }
                .map { ListedBuild(runtime: runtime, architectures: $0) }
        }
    }

    /// Ollama picks the library for the newest CUDA major the driver supports; without the driver's
    /// CUDA version, any library could be the one.
    static func buildsOllamaPicks(_ builds: [ListedBuild], driverCUDA: String?) -> [ListedBuild] {
        guard let driverMajor = driverCUDA.flatMap(DottedVersion.init)?.parts[0] else { return builds }
        let major = { (build: ListedBuild) in build.runtime.cudaVersion.flatMap(DottedVersion.init)?.parts[0] }
        guard let newest = builds.compactMap(major).filter({ $0 <= driverMajor }).max() else { return [] }
        return builds.filter { major($0) == newest }
    }

    /// `6.1` → 61, `12.0` → 120: the number the architecture names use.
    static func capabilityNumber(_ text: String) -> Int? {
        guard let version = DottedVersion(text), version.parts.count == 2, version.parts[1] < 10 else { return nil }
        return version.parts[0] * 10 + version.parts[1]
    }

    /// CUDA's own rule: machine code runs on cards of its major generation from its minor on; PTX is
    /// compiled by the driver for its generation or any newer one.
    static func cudaRuns(_ architectures: CUDAFatBinaryReader.Architectures, card: Int) -> Bool {
        architectures.machineCode.contains { $0 / 10 == card / 10 && $0 <= card } || architectures.ptx.contains { $0 <= card }
    }

    /// Ollama's rule since 0.30: the card's exact generation must be on the list.
    static func hasExactCode(_ architectures: CUDAFatBinaryReader.Architectures, card: Int) -> Bool {
        architectures.machineCode.contains(card) || architectures.ptx.contains(card)
    }

    static func describe(_ build: ListedBuild, tool: String) -> String {
        let name = CUDAReleases.toolName(tool) + (build.runtime.toolVersion.map { " \($0)" } ?? "")
        return "\(name) \(build.runtime.cudaLibrary ?? build.runtime.path) holds code for \(build.architectures.text)"
    }

    /// PyTorch's cu126 wheels still carry Maxwell and Pascal (sm_50 … sm_61), which cu128 and later dropped;
    /// cu118 reaches back to Kepler 3.7.
    static func olderTorchFix(card: Int) -> Fix {
        let wheel = card >= 50 ? "cu126" : "cu118"
        return .steps(
            .command("pip install --force-reinstall torch --index-url https://download.pytorch.org/whl/\(wheel)"),
            .manual("Install it in the same environment the tool uses (its virtual environment or conda environment), "
                + "then check with `python -c \"import torch; print(torch.cuda.get_arch_list())\"` that the list names this card."))
    }
}
