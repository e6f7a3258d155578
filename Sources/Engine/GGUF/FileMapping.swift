// A file's bytes mapped read-only into memory (weights stay in the page cache, never copied),
// or an owned copy of bytes for tests and fuzzing. Unmapped when the last user lets go.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sendable because the pointer and flag never change after init and the bytes are only read
/// (mapped PROT_READ, or a copy nothing writes to) until deinit frees them.
final class FileMapping: @unchecked Sendable {
    /// Immutable after init: the mapping is read-only and never remapped.
    let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    init(path: String) throws(GGUFError) {
        // Errors about the file itself name the full path: "'ux' is not a regular file" leaves
        // the user guessing which 'ux' was meant.
        let name = FileMapping.fullPathName(path)
        // O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever; it is
        // refused below as not a regular file. Regular files ignore the flag.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let reason = errno
            throw GGUFError(.cannotOpen, "Cannot open \(name): \(FileMapping.explain(reason)).")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw GGUFError(.cannotOpen, "Cannot read \(name): \(FileMapping.explain(errno)).")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            let kind: String
            switch status.st_mode & S_IFMT {
            case S_IFDIR: kind = "a folder"
            case S_IFIFO: kind = "a named pipe"
            case S_IFCHR, S_IFBLK: kind = "a device"
            case S_IFSOCK: kind = "a socket"
            default: kind = "something else"
            }
            throw GGUFError(.cannotOpen, "\(name) is not a regular file but \(kind); give the path of the .gguf file itself.")
        }
        let size = Int(status.st_size)
        guard size > 0 else {
            throw GGUFError(.truncated, "\(name) is empty (0 bytes). \(GGUFError.incompleteAdvice)")
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw GGUFError(.cannotOpen, "Cannot map \(name) into memory: \(FileMapping.explain(errno)). Close other programs or check that the disk is readable.")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        isMapped = true
    }

    init(copying source: [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 64)
        source.withUnsafeBytes { storage.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<source.count])
        isMapped = false
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }

    /// The path as an absolute one, quoted; relative paths are resolved against the current folder.
    /// A path of thousands of characters (pasted by mistake) is shortened to its ends.
    static func fullPathName(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let folder = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                full = (folder == "/" ? "" : folder) + "/" + path
            }
        }
        guard full.count > 300 else { return "'" + full + "'" }
        return "'" + full.prefix(120) + "…" + full.suffix(60) + "' (\(full.count) characters)"
    }

    /// The file's name without its folder, for messages about what is inside the file.
    static func displayName(_ path: String) -> String {
        "'" + (path.split(separator: "/").last.map(String.init) ?? path) + "'"
    }

    private static func explain(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "there is no file at that path; check the spelling, or give the full path of the .gguf file"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case ENAMETOOLONG: return "the path is too long (at most 4096 characters, and 255 for each name in it)"
        case EACCES, EPERM: return "permission denied (check the file's owner and permissions)"
        case EISDIR: return "it is a folder, not a file"
        case ENOMEM: return "not enough memory address space"
        default: return String(cString: strerror(code))
        }
    }
}
