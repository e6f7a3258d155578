// What can stop a self-test from running at all (a failed check is a result, not an error).

public enum SelfTestError: Error, CustomStringConvertible, Equatable {
    case unreadableSettings(file: String, reason: String)
    case unwritableSettings(file: String, reason: String)
    case modelUnusable(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableSettings(file, reason):
            "Onramp cannot read its list of disabled kernel paths in \(file) (\(reason)). Run `onramp selftest --reset` to start again."
        case let .unwritableSettings(file, reason):
            "Onramp cannot save its list of disabled kernel paths in \(file): \(reason)"
        case let .modelUnusable(file, reason):
            "\(file) cannot be used: \(reason)"
        }
    }
}
