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
        let name = FileMapping.displayName(path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
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
            throw GGUFError(.cannotOpen, "\(name) is not a regular file (it may be a folder); give the path of the .gguf file itself.")
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

    static func displayName(_ path: String) -> String {
        "'" + (path.split(separator: "/").last.map(String.init) ?? path) + "'"
    }

    private static func explain(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "there is no file at that path"
        case EACCES, EPERM: return "permission denied (check the file's owner and permissions)"
        case EISDIR: return "it is a folder, not a file"
        case ENOMEM: return "not enough memory address space"
        default: return String(cString: strerror(code))
        }
    }
}
