// A folder under /tmp for one test, removed when the test's value goes away.

import Foundation

final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "onramp-probe-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes an executable shell script and returns its path. The file is written through a
    /// close-on-exec descriptor: one inherited by a program another test starts would make it "busy".
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        let file = path + "/" + name
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(("#!/bin/sh\n" + body).utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return file
    }

    /// Writes a file at a path relative to the folder, making folders as needed.
    func write(_ relative: String, _ contents: String) throws {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
    }
}
