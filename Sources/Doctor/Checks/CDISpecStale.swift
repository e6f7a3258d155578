// Finds a CDI specification made for a driver that has since changed: it mounts library files that
// no longer exist (on WSL, every Windows driver update moves them to a new driver-store folder), so
// containers started with `--device nvidia.com/gpu=all` get no working GPU.

import Probe

public struct CDISpecStale: Check {
    static let kind = FindingKind(
        id: "container.cdi-spec-stale", area: .system, severity: .warning,
        title: "The NVIDIA CDI specification is out of date: containers get no working GPU",
        explanation: "Podman (and Docker in CDI mode) give containers the GPU by mounting the files a CDI "
            + "specification lists. That list is written for one driver: after a driver update (on WSL, any "
            + "Windows driver update) it names files that are gone, and must be generated again.",
        fix: .steps(
            .command("sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml"),
            .command("nvidia-ctk cdi list   # check: it lists nvidia.com/gpu=all"),
            .manual("Do this again after every driver update.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let driver = facts.drivers.nvidia.kernelModuleVersion ?? facts.drivers.nvidia.sysModuleVersion
            ?? facts.drivers.nvidia.smiDriverVersion
        return (facts.containerHost?.cdiSpecs ?? []).compactMap { spec in
            guard spec.kind?.hasPrefix("nvidia.com/") == true else { return nil }
            let otherDriver = !facts.inWSL && driver != nil && !spec.driverVersions.isEmpty
                && !spec.driverVersions.contains(driver ?? "")
            guard !spec.missingHostPaths.isEmpty || otherDriver else { return nil }
            var evidence = ["CDI specification: \(spec.path) (\(spec.kind ?? "?"))"]
            if !spec.missingHostPaths.isEmpty {
                evidence.append("files it mounts that no longer exist: \(spec.missingHostPaths.count) of \(spec.hostPaths)")
                evidence += spec.missingHostPaths.prefix(3).map { "missing: \($0)" }
            }
            if otherDriver, let driver {
                evidence.append("made for driver \(spec.driverVersions.joined(separator: ", ")); the driver now is \(driver)")
            }
            let fix = Fix.steps(
                .command("sudo nvidia-ctk cdi generate --output=\(spec.path)"),
                .command("nvidia-ctk cdi list   # check: it lists nvidia.com/gpu=all"),
                .manual("Do this again after every driver update" + (facts.inWSL ? " (on WSL: every Windows NVIDIA driver update)." : ".")))
            return Self.kind.found(evidence: evidence, fix: fix)
        }
    }
}
