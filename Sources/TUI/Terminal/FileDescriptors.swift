// Small POSIX helpers the terminals share: waiting on several descriptors, pipes, writing text.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum FileDescriptors {
    /// Waits until one of `fds` can be read (or a signal interrupts the wait); returns those ready.
    /// A negative timeout waits for ever.
    static func waitForInput(_ fds: [Int32], timeoutMilliseconds: Int32 = -1) -> Set<Int32> {
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let count = poll(&polled, nfds_t(polled.count), timeoutMilliseconds)
        guard count > 0 else { return [] }
        let ready = polled.filter { $0.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 }.map(\.fd)
        return Set(ready)
    }

    /// A pipe whose ends never block, for waking a waiting thread.
    static func nonBlockingPipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }

    /// Reads whatever is waiting without blocking.
    static func drain(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            result.append(contentsOf: buffer.prefix(count))
        }
        return result
    }

    /// Writes all of `text`, retrying after interruptions and short writes.
    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
