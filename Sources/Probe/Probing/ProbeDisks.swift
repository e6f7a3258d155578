// The disk area: free space where Onramp will store models (the folder may not exist yet).

extension ProbeSession {
    func probeDisks() {
        guard let folder = modelsFolder() else { return }
        var disk = DiskFacts(purpose: "models", path: folder)
        var candidate = folder
        while true {
            if let info = source.fileInfo(candidate), info.kind == .dir || info.kind == .link { break }
            guard let slash = candidate.lastIndex(of: "/"), candidate != "/" else { break }
            candidate = slash == candidate.startIndex ? "/" : String(candidate[..<slash])
        }
        if let space = source.volume(at: candidate) {
            disk.measuredPath = candidate
            disk.totalBytes = space.totalBytes
            disk.availableBytes = space.availableBytes
        }
        facts.disks = [disk]
    }

    /// Same rule as the model store: $ONRAMP_HOME, else $XDG_DATA_HOME/onramp/models, else ~/.local/share/onramp/models.
    func modelsFolder() -> String? {
        if let onramp = source.environment("ONRAMP_HOME"), onramp.hasPrefix("/") { return onramp }
        if let data = source.environment("XDG_DATA_HOME"), data.hasPrefix("/") { return data + "/onramp/models" }
        return home.map { $0 + "/.local/share/onramp/models" }
    }
}
