// The file a download streams into (`NAME.partial` in the store's downloads folder). Bytes are
// appended only after a complete write, so its length is always exactly what the hash has seen.

import Foundation
import PlainText

final class PartialFile {
    let path: String
    private let descriptor: Int32
    private(set) var length: Int64
    /// Flushes to disk in the background as the download grows (writable files only).
    private let writeback: WritebackPacer?

    init(path: String, readOnly: Bool = false) throws(FetchError) {
        self.path = path
        descriptor = readOnly ? open(path, O_RDONLY | O_CLOEXEC) : open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FetchError(.store, "Could not open \(path) to download into (\(String(cString: strerror(errno)))). Check that the folder is writable.")
        }
        length = Int64(lseek(descriptor, 0, SEEK_END))
        writeback = readOnly ? nil : WritebackPacer(descriptor: descriptor)
    }

    deinit {
        writeback?.settle()  // never flush a descriptor number that was closed and reused
        close(descriptor)
    }

    /// Feeds the bytes already on disk to `consume`, in order (used when resuming after a restart).
    func readAll(_ consume: (UnsafeRawBufferPointer) -> Void) throws(FetchError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while offset < length {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard count > 0 else {
                throw FetchError(.store, "Could not read the partial download \(path) (\(String(cString: strerror(errno)))). Delete it and pull again.")
            }
            buffer.withUnsafeBytes { consume(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            offset += Int64(count)
        }
    }

    func truncate(to newLength: Int64 = 0) throws(FetchError) {
        guard newLength != length else { return }
        guard ftruncate(descriptor, off_t(newLength)) == 0 else {
            throw FetchError(.store, "Could not shorten the partial download \(path) (\(String(cString: strerror(errno)))). Delete it and pull again.")
        }
        length = newLength
    }

    /// Appends all of `bytes`, or none of them: a failed write is cut off again so the partial
    /// stays a clean prefix of the file, ready to resume.
    func append(_ bytes: UnsafeRawBufferPointer) throws(FetchError) {
        var written = 0
        while written < bytes.count {
            let result = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(length) + off_t(written))
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                _ = ftruncate(descriptor, off_t(length))
                if code == ENOSPC || code == EDQUOT {
                    throw FetchError(.diskFull, "The disk filled up while downloading, after \(NumberText.bytes(length)). The part already downloaded is kept in \(path); free some space and run the same pull again to continue where it stopped.")
                }
                throw FetchError(.store, "Could not write to \(path) (\(String(cString: strerror(code)))). The part already downloaded is kept; fix the problem and pull again to continue.")
            }
            written += result
        }
        length += Int64(bytes.count)
        writeback?.wrote(bytes.count)
    }

    func sync() throws(FetchError) {
        writeback?.settle()
        guard fsync(descriptor) == 0 else {
            throw FetchError(.store, "Could not flush \(path) to disk (\(String(cString: strerror(errno)))).")
        }
    }
}
