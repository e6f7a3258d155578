// One lock per downloaded file (flock on `NAME.lock`), so two `onramp pull`s of the same file never
// write the same partial. The kernel drops the lock when the process dies, even on kill -9.
//
// The holder deletes the lock file when it is done, while it still holds the lock, so no lock files
// pile up. That is safe because a taker checks, once it has the lock, that the file it locked is
// still the one at the path: a process that opened the file before it was deleted would otherwise
// hold a lock on a nameless file while a third process locks a new file of the same name.

import Foundation

final class FileLock {
    private var descriptor: Int32 = -1
    private var held = false
    let path: String

    /// Takes the lock; when another process holds it, waits if `wait`, else says it is in progress.
    init(path: String, what: String, wait: Bool) async throws {
        self.path = path
        while try !attempt() {
            guard wait else {
                throw FetchError(.inProgress, "\(what) is already being downloaded by another onramp. Wait for it to finish (or run pull with --wait), then try again.")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// One try without waiting: true when this process now holds the lock on the file at `path`.
    private func attempt() throws(FetchError) -> Bool {
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw FetchError(.store, "Could not create the lock file \(path) (\(String(cString: strerror(errno)))). Check that the folder is writable.")
            }
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            // On a throw, deinit closes the descriptor.
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw FetchError(.store, "Could not lock \(path) (\(String(cString: strerror(errno)))).")
            }
            return false
        }
        if isStillAtPath() {
            held = true
            return true
        }
        // The holder finished and deleted the file we had opened: try the current one at once.
        close(descriptor)
        descriptor = -1
        return try attempt()
    }

    /// Whether the locked file is the one the path names now (same device and inode).
    private func isStillAtPath() -> Bool {
        var locked = stat()
        var named = stat()
        guard fstat(descriptor, &locked) == 0, stat(path, &named) == 0 else { return false }
        return locked.st_dev == named.st_dev && locked.st_ino == named.st_ino
    }

    deinit {
        guard descriptor >= 0 else { return }
        // The file is still this lock's own (checked when taken, and nobody deletes a lock file
        // they do not hold), so deleting it before unlocking cannot remove another process's lock.
        if held {
            if isStillAtPath() { unlink(path) }
            flock(descriptor, LOCK_UN)
        }
        close(descriptor)
    }
}
