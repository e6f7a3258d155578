// Finds an NVIDIA driver older than the CUDA toolkit installed next to it supports.

import Probe

public struct DriverTooOldForCuda: Check {
    /// The oldest Linux driver each CUDA major release runs on (NVIDIA's "minor version
    /// compatibility" minimums from the CUDA release notes); below it CUDA refuses to start.
    static let minimumDriver: [Int: DottedVersion] = [
        11: DottedVersion(450, 80, 2),
        12: DottedVersion(525, 60, 13),
        13: DottedVersion(580, 65, 6),
    ]

    /// Before CUDA 11 each release needed its own minimum ("Toolkit Driver Version", Linux x86_64, in
    /// the CUDA release notes); there was no compatibility across minor releases.
    static let minimumDriverBefore11: [String: DottedVersion] = [
        "7.0": DottedVersion(346, 46), "7.5": DottedVersion(352, 31), "8.0": DottedVersion(367, 48),
        "9.0": DottedVersion(384, 81), "9.1": DottedVersion(390, 46), "9.2": DottedVersion(396, 26),
        "10.0": DottedVersion(410, 48), "10.1": DottedVersion(418, 39), "10.2": DottedVersion(440, 33),
    ]

    /// The CUDA release as the evidence names it ("12.x", "7.0") and the oldest driver it runs on.
    static func minimum(for cuda: DottedVersion) -> (release: String, driver: DottedVersion)? {
        guard let major = cuda.parts.first else { return nil }
        if let needed = minimumDriver[major] { return ("\(major).x", needed) }
        guard cuda.parts.count >= 2 else { return nil }
        let release = "\(major).\(cuda.parts[1])"
        return minimumDriverBefore11[release].map { (release, $0) }
    }

    static let kind = FindingKind(
        id: "nvidia.driver-too-old-for-cuda", area: .gpu, severity: .error,
        title: "The NVIDIA driver is too old for the installed CUDA version",
        explanation: "Each CUDA release needs at least a certain driver version. With an older driver, "
            + "programs built for this CUDA stop with \"CUDA driver version is insufficient for CUDA "
            + "runtime version\" and fall back to the CPU, if they start at all.",
        fix: NvidiaFixes.fix { family in
            switch family {
            case .apt: [.command("sudo ubuntu-drivers install"),
                        .manual("Or pick a newer driver branch, e.g. `sudo apt install nvidia-driver-570`."), NvidiaFixes.reboot]
            case .generic: [.manual("Update the NVIDIA driver (or install the older CUDA toolkit that matches it)."), NvidiaFixes.reboot]
            default: NvidiaFixes.installSteps(family) + [NvidiaFixes.reboot]
            }
        })

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let nvidia = facts.drivers.nvidia
        guard let cudaText = nvidia.cudaToolkitVersion,
            let driverText = nvidia.smiDriverVersion ?? nvidia.kernelModuleVersion
        else { return [] }
        guard let cuda = DottedVersion(cudaText) else { throw OddFact("CUDA version \"\(cudaText)\" is not a version") }
        guard let driver = DottedVersion(driverText) else {
            throw OddFact("NVIDIA driver version \"\(driverText)\" is not a version")
        }
        guard let (release, needed) = Self.minimum(for: cuda), driver < needed else { return [] }
        return [Self.kind.found(
            evidence: [
                "CUDA toolkit: \(cudaText)",
                "NVIDIA driver: \(driverText)",
                "CUDA \(release) needs driver \(needed) or newer",
            ],
            fix: Self.fix(needing: needed))]
    }

    /// The general steps, led by the version to reach: "a newer driver" is not enough when the
    /// distribution's newest packaged driver for an old card is still too old.
    static func fix(needing driver: DottedVersion) -> Fix {
        let target = FixStep.manual("Install NVIDIA driver \(driver) or newer (or a CUDA toolkit that matches the driver you have).")
        return Fix(byFamily: kind.fix?.byFamily.mapValues { [target] + $0 } ?? [:],
                   everywhere: [target] + (kind.fix?.everywhere ?? []))
    }
}
