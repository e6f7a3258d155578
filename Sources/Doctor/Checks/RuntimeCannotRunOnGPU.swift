// Finds an NVIDIA card that a tool's CUDA build cannot run on: too old for every CUDA release the tool
// carries (CUDA 12 dropped Kepler, CUDA 13 dropped Maxwell, Pascal and Volta), or, for PyTorch, a card
// newer than its CUDA release knows (an RTX 50 series card with a torch built for CUDA 12.4: "no kernel
// image is available for execution on the device").

import Probe

public struct RuntimeCannotRunOnGPU: Check {
    public let id = "nvidia.runtime-gpu"
    public let area = Area.gpu

    static let tooOld = FindingKind(
        id: "nvidia.gpu-too-old-for-runtime", area: .gpu, severity: .error,
        title: "This NVIDIA card is too old for the CUDA an installed AI tool carries",
        explanation: "Each CUDA release builds programs only for cards from a certain generation on (its "
            + "\"compute capability\"). A tool built with a newer CUDA than the card supports cannot use it "
            + "at all and runs on the CPU; a newer driver does not change that.",
        fix: .steps(
            .manual("Use a build of the tool made with an older CUDA, if it has one (PyTorch: `pip install torch "
                + "--index-url https://download.pytorch.org/whl/cu118`)."),
            .manual("Or use a program that reaches the card through Vulkan (llama.cpp's Vulkan build), which "
                + "supports older cards.")))

    static let tooNew = FindingKind(
        id: "nvidia.gpu-too-new-for-runtime", area: .gpu, severity: .error,
        title: "This NVIDIA card is newer than the installed PyTorch build supports",
        explanation: "PyTorch is compiled for a list of card generations. A build made with a CUDA release "
            + "older than the card has no code for it and stops with \"no kernel image is available for "
            + "execution on the device\".",
        fix: .steps(.command("pip install --upgrade --force-reinstall torch --index-url https://download.pytorch.org/whl/cu128")))

    public var kinds: [FindingKind] { [Self.tooOld, Self.tooNew] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let runtimes = facts.runtimes.bundledGPURuntimes else { return [] }
        var findings: [Finding] = []
        for gpu in facts.gpus(.nvidia) {
            guard let text = gpu.computeCapability else { continue }
            guard let capability = DottedVersion(text) else { throw OddFact("compute capability \"\(text)\" is not a version") }
            let card = "\(AreaSummary.gpuName(gpu)): compute capability \(text)"
            for tool in RuntimeNeedsNewerDriver.tools(runtimes) {
                // Where the tool's own list of card generations was read, RuntimeLacksGPUCode decides.
                guard RuntimeLacksGPUCode.listedBuilds(runtimes, tool: tool).isEmpty else { continue }
                let builds = runtimes.filter { $0.tool == tool }.compactMap { build in
                    build.cudaVersion.flatMap(DottedVersion.init).map { (build, $0) }
                }
                guard !builds.isEmpty else { continue }
                let floors = builds.compactMap { build, version in
                    CUDAReleases.minimumComputeCapability(cudaMajor: version.parts[0]).map { (build: build, floor: $0) }
                }
                if floors.count == builds.count, floors.allSatisfy({ capability < $0.floor }) {
                    findings.append(Self.tooOld.found(evidence: [card] + floors.map {
                        "\(CUDAReleases.toolName(tool)) carries \(CUDAReleases.describe($0.build)), which runs on compute capability \($0.floor) and newer"
                    }))
                }
                if tool == "torch", let first = CUDAReleases.firstRelease(for: capability),
                   builds.allSatisfy({ $0.1 < first }) {
                    findings.append(Self.tooNew.found(evidence: [card] + builds.map {
                        "\(CUDAReleases.toolName(tool)) \($0.0.toolVersion ?? "") carries \(CUDAReleases.describe($0.0)); this card needs CUDA \(first) or newer"
                    }))
                }
            }
        }
        return findings
    }
}
