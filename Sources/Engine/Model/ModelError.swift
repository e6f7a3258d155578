// What can go wrong while loading or running a model, said for people who just want it to work.

public enum ModelError: Error, Equatable, CustomStringConvertible {
    case unsupportedArchitecture(String)
    case missingTensor(String)
    case tensorShape(name: String, found: [Int], expected: [Int])
    case unsupportedTensorType(name: String, type: String)
    case tokenOutOfRange(token: Int, vocabulary: Int)
    case contextFull(needed: Int, capacity: Int)
    case invalidSetting(String)
    case kernel(String)

    public var description: String {
        switch self {
        case .unsupportedArchitecture(let name):
            return "This model is a '\(name)' model, and Onramp's engine does not run that kind yet (it runs llama-family "
                + "models such as SmolLM2, Llama 3, Mistral and TinyLlama). Choose one of those."
        case .missingTensor(let name):
            return "The model file has no tensor '\(name)', which this kind of model needs. The file is probably damaged "
                + "or was converted incompletely; download it again."
        case .tensorShape(let name, let found, let expected):
            return "Tensor '\(name)' has shape \(found) but the model's settings say it should be \(expected). The file "
                + "is inconsistent; download it again or choose another model."
        case .unsupportedTensorType(let name, let type):
            return "Tensor '\(name)' is stored as \(type), which Onramp's engine cannot compute with yet. Choose a file "
                + "quantised as Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, F16 or F32 (for example a Q4_0 or Q8_0 download)."
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
        }
    }
}
