// "Start chatting now": the wizard ends its full screen first, then `onramp` starts the chat in the
// same terminal. This box carries the chosen model out of the wizard to do that.
import Synchronization

public final class ChatHandOff: Sendable {
    private let chosen = Mutex<String?>(nil)

    public init() {}

    /// What to give `onramp chat` once the wizard has ended (the model's name in Onramp's store,
    /// else its file's path), exactly as the Finish screen shows it; nil when it ended any other way.
    public var chosenModel: String? { chosen.withLock { $0 } }

    func choose(_ model: String) {
        chosen.withLock { $0 = model }
    }
}
