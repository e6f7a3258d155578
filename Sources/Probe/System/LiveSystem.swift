// The machine the probe runs on: files through plain POSIX calls, programs through `ProcessRunner`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public struct LiveSystem: SystemSource {
    /// Environment the probe sees and passes to the programs it runs.
    public let variables: [String: String]
    /// No file the probe reads is near this; a bigger one is cut rather than exhausting memory.
    static let fileCap = 8 << 20

    public init(environment: [String: String]? = nil) {
        variables = environment ?? LiveSystem.processEnvironment()
    }

    public func readFile(_ path: String) -> FileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreadable(ProcessRunner.errorText(code))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < LiveSystem.fileCap {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable(ProcessRunner.errorText(errno))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .text(String(decoding: bytes.prefix(LiveSystem.fileCap), as: UTF8.self))
    }

    public func listDirectory(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func fileInfo(_ path: String) -> FileInfo? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        let kind: FileKind
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .dir
        case S_IFLNK: kind = .link
        case S_IFCHR: kind = .char
        case S_IFBLK: kind = .block
        default: kind = .other
        }
        var target: String?
        if kind == .link {
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink(path, &buffer, buffer.count - 1)
            if count >= 0 { target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        }
        // access() asks the kernel, so ACLs count; only devices need it (and only devices are asked).
        let isDevice = kind == .char || kind == .block
        return FileInfo(
            kind: kind, owner: LiveSystem.userName(status.st_uid) ?? String(status.st_uid),
            group: LiveSystem.groupName(status.st_gid) ?? String(status.st_gid),
            mode: "0" + String(status.st_mode & 0o777, radix: 8), target: target,
            accessible: isDevice ? access(path, R_OK | W_OK) == 0 : nil
        )
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
            let name = LiveSystem.groupName(gid) ?? String(gid)
            if !names.contains(name) { names.append(name) }
        }
        return UserFacts(name: LiveSystem.userName(uid) ?? String(uid), uid: Int(uid), groups: names)
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

    static func userName(_ uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        return String(cString: name)
    }

    static func groupName(_ gid: gid_t) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.gr_name else {
            return nil
        }
        return String(cString: name)
    }
}
