// The machine the probe runs on: files through plain POSIX calls (`LocalFiles`), programs through
// `ProcessRunner`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Probe

public struct LiveSystem: SystemSource {
    /// Environment the probe sees and passes to the programs it runs.
    public let variables: [String: String]

    public init(environment: [String: String]? = nil) {
        variables = environment ?? LiveSystem.processEnvironment()
    }

    public func readFile(_ path: String) -> FileRead {
        LocalFiles().readFile(path)
    }

    public func listDirectory(_ path: String) -> [String]? {
        LocalFiles().listDirectory(path)
    }

    public func fileInfo(_ path: String) -> FileInfo? {
        LocalFiles().fileInfo(path)
    }

    public func run(_ argv: [String], timeout: Duration) -> CommandResult {
        // An initialisation test is a subcommand of onramp; any other program (a test runner) would
        // not understand it.
        if argv.first == GPUInitTestProgram.path && !LiveSystem.runningOnramp {
            return CommandResult(argv: argv, outcome: .couldNotStart, message: "initialisation tests run only from the onramp program")
        }
        // Tools print in the C locale so their output parses the same everywhere.
        var environment = variables
        environment["LC_ALL"] = "C"
        return ProcessRunner.run(argv, environment: environment, timeout: timeout)
    }

    /// The running program is onramp (installed, or a build of it), found by its file name.
    static let runningOnramp: Bool = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(GPUInitTestProgram.path, &buffer, buffer.count - 1)
        guard count > 0 else { return false }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.split(separator: "/").last == "onramp"
    }()

    public func environment(_ name: String) -> String? {
        variables[name]
    }

    public func currentUser() -> UserFacts? {
        let uid = getuid()
        let count = getgroups(0, nil)
        var gids = [gid_t](repeating: 0, count: Int(max(count, 0)))
        if count > 0 { _ = getgroups(count, &gids) }
        var names: [String] = []
        for gid in [getgid()] + gids {
            let name = LocalFiles.groupName(gid) ?? String(gid)
            if !names.contains(name) { names.append(name) }
        }
        return UserFacts(name: LocalFiles.userName(uid) ?? String(uid), uid: Int(uid), groups: names)
    }

    public func volume(at path: String) -> VolumeSpace? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let unit = UInt64(info.f_frsize)
        return VolumeSpace(
            path: path, totalBytes: UInt64(info.f_blocks).multipliedReportingOverflow(by: unit).partialValue,
            availableBytes: UInt64(info.f_bavail).multipliedReportingOverflow(by: unit).partialValue
        )
    }

    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }
}
