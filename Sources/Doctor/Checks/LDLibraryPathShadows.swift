// Finds LD_LIBRARY_PATH entries that put CUDA stub or compat libraries in front of the real driver.

import Probe

public struct LDLibraryPathShadows: Check {
    public let id = "env.ld-library-path-shadows"
    public let area = Area.environment

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

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let entries = facts.environment.ldLibraryPath else { return [] }
        let shadowing = entries.filter { entry in
            let parts = entry.split(separator: "/")
            return parts.last == "stubs" || (parts.last == "compat" && entry.contains("cuda"))
        }
        guard !shadowing.isEmpty else { return [] }
        return [Self.kind.found(evidence: shadowing.map { "LD_LIBRARY_PATH contains \($0)" })]
    }
}
