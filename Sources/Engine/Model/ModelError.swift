// What can go wrong while loading or running a model, said for people who just want it to work.

public enum ModelError: Error, Equatable, CustomStringConvertible {
    case tokenOutOfRange(token: Int, vocabulary: Int)
    case contextFull(needed: Int, capacity: Int)
    case invalidSetting(String)
    case kernel(String)
    /// The graphics card (an offload) failed mid-way; the words say what it was doing.
    case device(String)

    public var description: String {
        switch self {
        case .tokenOutOfRange(let token, let vocabulary):
            return "Token id \(token) is outside the model's vocabulary of \(vocabulary) tokens; the tokenizer and the "
                + "model do not belong together."
        case .contextFull(let needed, let capacity):
            return "The conversation needs \(needed) tokens but the model's memory (context) holds \(capacity). Start a "
                + "new conversation, ask for a shorter answer (-n), or use a larger --context."
        case .invalidSetting(let message):
            return message
        case .kernel(let message):
            return "The engine could not prepare a calculation: \(message)"
        case .device(let message):
            return "Computing on the graphics card went wrong: \(message) Run the command again with --gpu-layers 0 to use the "
                + "processor only, and run onramp doctor to check the card's driver."
        }
    }
}
