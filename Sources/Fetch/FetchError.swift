// Every way a download or the store can fail, as a message for people: what happened, why it
// matters, and what to do. `kind` lets tests and the wizard tell failures apart without parsing text.

public struct FetchError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable, Equatable {
        case badSource, insecureURL, notFound, needsAccess, serverFailed, networkFailed
        case checksumMismatch, sizeMismatch, notGGUF, inProgress, notEnoughSpace, diskFull
        case tooManyRedirects, store
    }

    public let kind: Kind
    public let message: String
    /// The network library's own words, for `-v` and bug reports; never the message itself.
    public let details: String?

    public init(_ kind: Kind, _ message: String, details: String? = nil) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    public var description: String { message }
}
