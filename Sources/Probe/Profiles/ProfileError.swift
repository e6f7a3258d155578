// Why a profile folder could not be used, said so a person can fix it.

public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    static func unreadable(_ path: String, _ reason: String) -> ProfileError {
        ProfileError("Could not read the machine profile file \(path): \(reason). A profile is a folder made by `onramp probe --capture DIR` (see docs/profiles.md); check the path, or capture it again.")
    }

    static func invalid(_ path: String, _ reason: String) -> ProfileError {
        ProfileError("The machine profile file \(path) is not valid: \(reason). Fix the file by hand (see docs/profiles.md) or capture the machine again with `onramp probe --capture DIR`.")
    }
}
