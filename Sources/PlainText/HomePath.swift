// A path as Onramp shows it on screen: under the home folder it starts with "~", so a screenshot
// or a pasted screen does not carry the user's name, and the line is shorter. A shell expands the
// "~" back, so the shown path still works when typed.

public enum HomePath {
    /// `path` with a leading `home` (not "/" or empty) written as "~".
    public static func shown(_ path: String, home: String?) -> String {
        guard var home, !home.isEmpty else { return path }
        while home.count > 1, home.hasSuffix("/") { home.removeLast() }
        guard home != "/" else { return path }
        if path == home { return "~" }
        guard path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
