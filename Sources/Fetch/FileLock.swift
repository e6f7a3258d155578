// One lock per downloaded file (flock on `NAME.lock`), so two `onramp pull`s of the same file never
// write the same partial. The kernel drops the lock when the process dies, even on kill -9.

import Foundation

final class FileLock {
    private let descriptor: Int32

    /// Takes the lock; when another process holds it, waits if `wait`, else says it is in progress.
    init(path: String, what: String, wait: Bool) async throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FetchError(.store, "Could not create the lock file \(path) (\(String(cString: strerror(errno)))). Check that the folder is writable.")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // On a throw, deinit closes the descriptor.
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw FetchError(.store, "Could not lock \(path) (\(String(cString: strerror(errno)))).")
            }
            guard wait else {
                throw FetchError(.inProgress, "\(what) is already being downloaded by another onramp. Wait for it to finish (or run pull with --wait), then try again.")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
