// The version printed by `onramp --version` and written into reports.
enum OnrampVersion {
    static let current = "0.1.0-dev"
}
