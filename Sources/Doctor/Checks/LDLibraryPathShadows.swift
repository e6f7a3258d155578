// Finds LD_LIBRARY_PATH entries that put CUDA stub or compat libraries in front of the real driver.

import PlainText
import Probe

public struct LDLibraryPathShadows: Check {
    static let kind = FindingKind(
        id: "env.ld-library-path-shadows", area: .environment, severity: .warning,
        title: "LD_LIBRARY_PATH puts stand-in GPU libraries before the real driver",
        explanation: "Folders in LD_LIBRARY_PATH are searched before the system's. The CUDA toolkit's "
            + "`stubs` folder holds a fake libcuda.so meant only for building programs, and `compat` holds a "
            + "forward-compatibility libcuda that only works on data-centre cards. Found first, they make CUDA "
            + "fail with \"CUDA driver version is insufficient\" or \"no CUDA-capable device\".",
        fix: .steps(
            .manual("Remove the folders listed as evidence from LD_LIBRARY_PATH where it is set "
                + "(~/.bashrc, ~/.profile, a module file), e.g.:"),
            .command("export LD_LIBRARY_PATH=$(echo \"$LD_LIBRARY_PATH\" | tr ':' '\\n' | grep -v -e /stubs -e /compat | paste -sd:)")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    /// Libraries whose copy must match the kernel driver exactly; another version breaks CUDA.
    static let driverLibraries: Set<String> = ["libcuda.so", "libnvidia-ml.so", "libnvidia-ptxjitcompiler.so"]

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let entries = facts.environment.ldLibraryPath else { return [] }
        var folders = entries.filter { entry in
            let parts = entry.split(separator: "/")
            return parts.last == "stubs" || (parts.last == "compat" && entry.contains("cuda"))
        }
        var evidence = folders.map { "LD_LIBRARY_PATH contains \($0)" }
        let driver = facts.drivers.nvidia.kernelModuleVersion ?? facts.drivers.nvidia.sysModuleVersion
        for library in facts.environment.ldLibraryPathLibraries ?? [] where Self.driverLibraries.contains(library.name) {
            // Same version as the running driver: a harmless duplicate.
            if let driver, library.version == driver { continue }
            let inFolder = "/" + library.path.split(separator: "/").dropLast().joined(separator: "/")
            if folders.contains(inFolder) == false { folders.append(inFolder) }
            if evidence.contains(where: { $0.hasSuffix(inFolder) }) { continue }
            evidence.append("\(library.path) (version \(library.version ?? "unknown")) comes before the system's copy"
                + (driver.map { "; the driver is \($0)" } ?? ""))
        }
        guard !evidence.isEmpty else { return [] }
        return [Self.kind.found(evidence: evidence, fix: Self.fix(removing: folders))]
    }

    /// Names the very folders to drop: a generic "remove stubs and compat" command would leave a
    /// shadowing system folder such as /usr/lib/x86_64-linux-gnu (added under WSL) in place.
    static func fix(removing folders: [String]) -> Fix {
        let patterns = folders.map { "-e " + ShellQuote.quote($0) }.joined(separator: " ")
        return .steps(
            .manual("Remove " + folders.joined(separator: ", ") + " from LD_LIBRARY_PATH where it is set "
                + "(~/.bashrc, ~/.profile, a module file); for this shell:"),
            .command("export LD_LIBRARY_PATH=$(echo \"$LD_LIBRARY_PATH\" | tr ':' '\\n' | grep -vxF \(patterns) | paste -sd:)"))
    }
}
