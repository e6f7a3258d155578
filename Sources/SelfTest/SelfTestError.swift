// What can stop a self-test from running at all (a failed check is a result, not an error).

public enum SelfTestError: Error, CustomStringConvertible, Equatable {
    case unreadableSettings(file: String, reason: String)
    case unwritableSettings(file: String, reason: String)
    case modelUnusable(file: String, reason: String)
    /// A saved self-test or benchmark result (`SavedResults`).
    case unreadableResult(file: String, reason: String)
    case unwritableResult(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableSettings(file, reason):
            "Onramp cannot read its list of disabled kernel paths in \(file) (\(reason)). Run `onramp selftest --reset` to start again."
        case let .unwritableSettings(file, reason):
            "Onramp cannot save its list of disabled kernel paths in \(file): \(reason)"
        case let .unreadableResult(file, reason):
            "Onramp cannot read the saved result in \(file) (\(reason)). Delete the file, or run the command that saves it again."
        case let .unwritableResult(file, reason):
            "Onramp cannot save the result in \(file) for `onramp report`: \(reason)"
        case let .modelUnusable(file, reason):
            "\(file) cannot be used: \(reason)"
        }
    }
}
