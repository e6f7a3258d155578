// What a model is good for, as the user picks a goal: talking, writing code, or small and quick.

public enum ModelUse: String, Codable, Sendable, CaseIterable {
    case chat
    case code
    /// Small enough to answer quickly even on modest machines.
    case small
}
