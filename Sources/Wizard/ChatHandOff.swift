// "Start chatting now": the wizard ends its full screen first, then `onramp` starts the chat in the
// same terminal. This box carries the chosen model (and where it runs) out of the wizard to do that.
import Synchronization

public final class ChatHandOff: Sendable {
    private let chosen = Mutex<[String]?>(nil)

    public init() {}

    /// What to give `onramp chat` once the wizard has ended, exactly as the Finish screen shows it:
    /// the model's name in Onramp's store (else its file's path), then any options chosen there
    /// (`--gpu-layers 0` for the processor only); nil when the wizard ended any other way.
    public var chosenArguments: [String]? { chosen.withLock { $0 } }

    func choose(_ arguments: [String]) {
        chosen.withLock { $0 = arguments }
    }
}
