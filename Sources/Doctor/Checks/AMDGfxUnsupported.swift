// Finds AMD cards whose shader target ROCm does not ship code for, and says which override lets
// it borrow a close relative's code.

import Probe

public struct AMDGfxUnsupported: Check {
    static let kind = FindingKind(
        id: "amd.gfx-unsupported", area: .gpu, severity: .warning,
        title: "ROCm does not officially support this AMD card's chip",
        explanation: "ROCm only ships code for some AMD chips. Many others are close relatives of a supported "
            + "one and work when told to use its code with HSA_OVERRIDE_GFX_VERSION (gfx1031–gfx1036 use "
            + "10.3.0, gfx1103 uses 11.0.0, Vega graphics gfx90c uses 9.0.0). Without it ROCm tools ignore the "
            + "card or crash; Vulkan-based tools do not need it.",
        fix: .steps(
            .command("echo 'export HSA_OVERRIDE_GFX_VERSION=10.3.0' >> ~/.profile   # the value for your chip"),
            .manual("For the Ollama service: `sudo systemctl edit ollama`, add `Environment=\"HSA_OVERRIDE_GFX_VERSION=10.3.0\"` "
                + "under [Service], then `sudo systemctl restart ollama`.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let override = facts.environment.hsaOverrideGfxVersion
        return try facts.gpus(.amd).compactMap { gpu -> Finding? in
            guard let target = gpu.gfxTarget?.lowercased() else { return nil }
            guard GfxTargets.isWellFormed(target) else { throw OddFact("AMD gfx target \"\(target)\" is not a gfx name") }
            guard !GfxTargets.supported.contains(target) else { return nil }
            let value = GfxTargets.override[target]
            if let value, override == value { return nil }
            var evidence = ["\(AreaSummary.gpuName(gpu)): \(target)", "HSA_OVERRIDE_GFX_VERSION: \(override ?? "not set")"]
            guard let value else {
                evidence.append("no supported relative is known for \(target)")
                return Self.kind.found(
                    evidence: evidence,
                    fix: .steps(.manual("No override is known to work for \(target): use a Vulkan-based tool, "
                        + "or the CPU.")))
            }
            evidence.append("\(target) runs the code built for version \(value)")
            // In a container the variable belongs to the container's start command, not a profile
            // file or the host's service: ~/.profile inside it is never read by the runtime.
            if facts.inContainer {
                return Self.kind.found(
                    evidence: evidence + ["in a container: " + (facts.environment.container?.rawValue ?? "yes")],
                    fix: .steps(
                        .manual("Start the container again with the variable set, e.g. "
                            + "`docker run -e HSA_OVERRIDE_GFX_VERSION=\(value) ...` (Podman: the same `-e`; "
                            + "Compose: `HSA_OVERRIDE_GFX_VERSION: \"\(value)\"` under `environment:`).")))
            }
            return Self.kind.found(
                evidence: evidence,
                fix: .steps(
                    .command("echo 'export HSA_OVERRIDE_GFX_VERSION=\(value)' >> ~/.profile"),
                    .manual("Log out and in (or `source ~/.profile`). For the Ollama service: `sudo systemctl edit ollama`, "
                        + "add `Environment=\"HSA_OVERRIDE_GFX_VERSION=\(value)\"` under [Service], then "
                        + "`sudo systemctl restart ollama`.")))
        }
    }
}
