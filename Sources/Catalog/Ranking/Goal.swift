// What the user wants a model for: the `--for` of `onramp recommend`.

public enum Goal: String, Codable, Sendable, CaseIterable {
    case chat
    case code
    /// Small and quick: answers at reading speed or better.
    case fast

    /// Generation speed, in tokens per second, below which a model does not count for this goal.
    public var minimumTokensPerSecond: Double {
        switch self {
        case .chat, .code: 5
        case .fast: 15
        }
    }

    /// Whether a model is meant for this goal.
    func suits(_ model: CatalogModel) -> Bool {
        switch self {
        case .chat: model.uses.contains(.chat)
        case .code: model.uses.contains(.code)
        case .fast: model.uses.contains(.small)
        }
    }
}
