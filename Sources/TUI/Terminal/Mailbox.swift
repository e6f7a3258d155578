// Where finished async work leaves its messages for the run loop, with a pipe to wake it up.
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

final class Mailbox<Message: Sendable>: Sendable {
    private let messages = Mutex<[Message]>([])
    private let pipe: (read: Int32, write: Int32)?

    init() {
        pipe = FileDescriptors.nonBlockingPipe()
    }

    deinit {
        if let pipe {
            close(pipe.read)
            close(pipe.write)
        }
    }

    /// Becomes readable when a message arrives; terminals include it in their wait.
    var wakeDescriptor: Int32 { pipe?.read ?? -1 }

    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
        if let pipe { FileDescriptors.write("!", to: pipe.write) }
    }

    func takeAll() -> [Message] {
        if let pipe { _ = FileDescriptors.drain(pipe.read) }
        return messages.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }

    /// Blocks until a message has been posted (used when input has ended but work is still running).
    func waitForMail() {
        guard let pipe else { return }
        while messages.withLock({ $0.isEmpty }) {
            _ = FileDescriptors.waitForInput([pipe.read], timeoutMilliseconds: 1000)
        }
    }
}
