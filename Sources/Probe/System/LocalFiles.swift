// Files on this computer's disk, read with plain POSIX calls: the live machine's /proc, /sys and
// /etc files (`LiveSystem`) and a profile folder being replayed (`ReplaySystem`) go through the same
// reads, so a profile's file reads exactly as the machine's did. It reads only the paths it is given.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public struct LocalFiles: Sendable {
    /// No file the probe reads is near this; a bigger one is cut rather than exhausting memory.
    static let fileCap = 8 << 20

    public init() {}

    public func readFile(_ path: String) -> FileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreadable(LocalFiles.errorText(code))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < LocalFiles.fileCap {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable(LocalFiles.errorText(errno))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .text(String(decoding: bytes.prefix(LocalFiles.fileCap), as: UTF8.self))
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
            kind: kind, owner: LocalFiles.userName(status.st_uid) ?? String(status.st_uid),
            group: LocalFiles.groupName(status.st_gid) ?? String(status.st_gid),
            mode: "0" + String(status.st_mode & 0o777, radix: 8), target: target,
            accessible: isDevice ? access(path, R_OK | W_OK) == 0 : nil
        )
    }

    public static func userName(_ uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        return String(cString: name)
    }

    public static func groupName(_ gid: gid_t) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.gr_name else {
            return nil
        }
        return String(cString: name)
    }

    /// The C library's words for an error number.
    public static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
