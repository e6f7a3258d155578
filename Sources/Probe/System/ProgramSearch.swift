// Finds a program the way a shell would, on any machine a `SystemSource` reads: the probe's tools,
// a replayed fix's commands and a live fix's commands all use this one look-up.

extension SystemSource {
    /// The full path of `name` on this machine's PATH (and the sbin folders, where system tools
    /// live but users' PATH may not reach); a name with a slash is taken as a path. Nil when absent.
    public func findProgram(_ name: String) -> String? {
        if name.contains("/") { return fileInfo(name) != nil ? name : nil }
        let path = environment("PATH") ?? "/usr/local/bin:/usr/bin:/bin"
        var folders = path.split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        for extra in ["/usr/sbin", "/sbin"] where !folders.contains(extra) { folders.append(extra) }
        for folder in folders {
            let candidate = folder + "/" + name
            if let info = fileInfo(candidate), info.kind == .file || info.kind == .link {
                return candidate
            }
        }
        return nil
    }
}
