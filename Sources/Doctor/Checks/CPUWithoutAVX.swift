// Finds x86 CPUs without AVX2 or AVX: the fast matrix kernels need them, so models run slowly.

import Probe

public struct CPUWithoutAVX: Check {
    public let id = "cpu.avx"
    public let area = Area.cpu

    static let noAVX2 = FindingKind(
        id: "cpu.no-avx2", area: .cpu, severity: .warning,
        title: "This CPU has no AVX2, so models run several times slower",
        explanation: "Fast inference on x86 processors multiplies matrices with AVX2 instructions. "
            + "Without them Onramp uses slower AVX code: small models (up to about 1B parameters) "
            + "still answer at a usable speed, bigger ones will feel slow. A graphics card, if you have one, "
            + "is not affected.",
        fix: .steps(.manual(
            "Nothing to install: choose a small model (about 1B parameters or fewer, such as SmolLM2 or Llama 3.2 1B), "
                + "or use a graphics card or a newer computer for bigger models. "
                + "`onramp recommend` lists the models that run well on this computer.")))

    static let noAVX = FindingKind(
        id: "cpu.no-avx", area: .cpu, severity: .error,
        title: "This CPU has neither AVX nor AVX2, so only the smallest models are usable",
        explanation: "Without AVX, Onramp falls back to plain code that is roughly ten times slower "
            + "than the AVX2 kernels. Tiny models (around 100–500M parameters) still work for testing; "
            + "anything useful for chatting will be too slow. Many other tools refuse to start on such CPUs.",
        fix: .steps(.manual(
            "Use a tiny model to try things out, or run models on a graphics card or a newer computer "
                + "(any x86 CPU since 2013, or any 64-bit ARM CPU, has the needed instructions). "
                + "`onramp recommend --for fast` lists the tiny ones.")))

    public var kinds: [FindingKind] { [Self.noAVX2, Self.noAVX] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        // ARM and other architectures use NEON and friends; the AVX question only exists on x86.
        guard let arch = facts.cpu.architecture, ["x86_64", "i686", "i386", "amd64"].contains(arch) else {
            return []
        }
        guard let features = facts.cpu.features else { return [] }
        let evidence = [
            "CPU: \(facts.cpu.modelName ?? "unknown model") (\(arch))",
            "instruction sets for inference: "
                + (features.isEmpty ? "none" : features.sorted().map(\.rawValue).joined(separator: " ")),
        ]
        if !features.contains(.avx) { return [Self.noAVX.found(evidence: evidence)] }
        if !features.contains(.avx2) { return [Self.noAVX2.found(evidence: evidence)] }
        return []
    }
}
