// "Start chatting now": the wizard ends its full screen first, then `onramp` starts the chat in the
// same terminal. This box carries the chosen model file out of the wizard to do that.
import Synchronization

public final class ChatHandOff: Sendable {
    private let chosen = Mutex<String?>(nil)

    public init() {}

    /// The model file to chat with once the wizard has ended; nil when it ended any other way.
    public var modelPath: String? { chosen.withLock { $0 } }

    func choose(_ path: String) {
        chosen.withLock { $0 = path }
    }
}
