// A POSIX ustar archive of regular files, built in memory: what `onramp report --bundle` packs.
// Written here rather than by running `tar`, so the bytes are a pure function of the files (and
// tested as such); every tar since 1988 reads this format.

import Foundation

public enum TarArchive {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// `files`: path inside the archive (relative, `/`-separated) and contents. `modified` is every
    /// file's time stamp.
    public static func archive(_ files: [(path: String, contents: Data)], modified: Date) throws -> Data {
        var out = Data()
        let seconds = max(0, Int(modified.timeIntervalSince1970))
        for file in files {
            out += try header(path: file.path, size: file.contents.count, modified: seconds)
            out += file.contents
            let padding = (512 - file.contents.count % 512) % 512
            out += Data(count: padding)
        }
        // Two empty blocks end the archive.
        out += Data(count: 1024)
        return out
    }

    static func header(path: String, size: Int, modified: Int) throws -> Data {
        let (prefix, name) = try split(path)
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            let bytes = Array(text.utf8.prefix(length))
            block.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            put(zeroPadded(String(value, radix: 8), length - 1), at: offset, length: length - 1)
        }
        put(name, at: 0, length: 100)
        octal(0o644, at: 100, length: 8)
        octal(0, at: 108, length: 8)
        octal(0, at: 116, length: 8)
        octal(size, at: 124, length: 12)
        octal(modified, at: 136, length: 12)
        block[156] = UInt8(ascii: "0")  // a regular file
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        put(prefix, at: 345, length: 155)
        // The checksum is summed with its own field read as spaces.
        block.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = block.reduce(0) { $0 + Int($1) }
        put(zeroPadded(String(sum, radix: 8), 6), at: 148, length: 6)
        block[154] = 0
        block[155] = 0x20
        return Data(block)
    }

    /// ustar keeps up to 155 bytes of folders apart from a 100-byte name.
    static func split(_ path: String) throws -> (prefix: String, name: String) {
        guard !path.hasPrefix("/"), !path.split(separator: "/").contains(".."), !path.isEmpty else {
            throw Problem(description: "The archive path \(path) is not a relative path inside the archive.")
        }
        if path.utf8.count <= 100 { return ("", path) }
        let parts = path.split(separator: "/").map(String.init)
        for cut in stride(from: parts.count - 1, to: 0, by: -1) {
            let prefix = parts[..<cut].joined(separator: "/"), name = parts[cut...].joined(separator: "/")
            if prefix.utf8.count <= 155 && name.utf8.count <= 100 { return (prefix, name) }
        }
        throw Problem(description: "The path \(path) is too long for a tar archive (at most 100 bytes of name and 155 of folders).")
    }
}

/// Octal fields are fixed width, filled with leading zeros.
private func zeroPadded(_ digits: String, _ width: Int) -> String {
    String(repeating: "0", count: max(0, width - digits.count)) + digits
}
