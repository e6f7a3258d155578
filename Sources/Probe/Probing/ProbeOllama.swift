// Ollama as another runtime on the machine: how its service is configured (unit file, drop-ins,
// `Environment=` lines) and the folder it keeps models in, with the free space on that disk and the
// downloads it left unfinished there. A model folder on a nearly full disk is a common reason
// Ollama fails while Onramp's own folder has room.

extension ProbeSession {
    static let ollamaUnitFolders = ["/usr/lib/systemd/system", "/lib/systemd/system", "/run/systemd/system", "/etc/systemd/system"]
    /// The installer makes an `ollama` user whose home is here.
    static let ollamaServiceHome = "/usr/share/ollama"

    func probeOllama(_ runtimes: inout RuntimeFacts) {
        runtimes.ollamaUnit = ollamaUnit(main: runtimes.ollamaService)
        guard let folder = ollamaModelsFolder(runtimes) else { return }
        let (path, reason, forService) = folder
        var models = OllamaModelsFacts(path: path, reason: reason, forService: forService)
        switch source.fileInfo(path)?.kind {
        case .unreadable?: models.readable = false
        case .dir?, .link?: models.readable = true
        default: break
        }
        if models.readable == true, let blobs = source.listDirectory(path + "/blobs") {
            models.partialDownloads = blobs.filter { $0.contains("-partial") }.count
        }
        if forService && runtimes.ollamaUnit?.value(of: "OLLAMA_MODELS") != nil,
           let closed = closedFolder(above: path, serviceUser: runtimes.ollamaUnit?.user ?? "ollama") {
            models.closedFolder = closed.path
            models.closedFolderMode = closed.mode
        }
        if let space = nearestVolume(path) {
            models.measuredPath = space.path
            models.totalBytes = space.totalBytes
            models.availableBytes = space.availableBytes
        }
        runtimes.ollamaModels = models
    }

    /// The main unit, then drop-ins (`ollama.service.d/*.conf`) by name, as systemd applies them.
    private func ollamaUnit(main: String?) -> OllamaServiceFacts? {
        var dropIns: [String: String] = [:]
        for folder in Self.ollamaUnitFolders {
            for name in source.listDirectory(folder + "/ollama.service.d") ?? [] where name.hasSuffix(".conf") {
                dropIns[name] = folder + "/ollama.service.d/" + name
            }
        }
        let files = (main.map { [$0] } ?? []) + dropIns.keys.sorted().compactMap { dropIns[$0] }
        guard !files.isEmpty else { return nil }
        var unit = OllamaServiceFacts()
        var settings: [(name: String, value: String)] = []
        for file in files {
            guard let text = text(file) else { continue }
            unit.unitFiles.append(file)
            let assignments = SystemdUnitReader.environment(text)
            // An empty `Environment=` in a drop-in clears what the unit set.
            if SystemdUnitReader.serviceValues(of: "Environment", in: text).contains("") { settings.removeAll() }
            settings += assignments
            if let user = SystemdUnitReader.user(text) { unit.user = user }
            if let protect = SystemdUnitReader.serviceValues(of: "ProtectHome", in: text).last { unit.protectHome = protect }
            let ignored = SystemdUnitReader.environmentOutsideService(text)
            if !ignored.isEmpty { unit.ignoredSettings = (unit.ignoredSettings ?? []) + ignored.map { "\(file): \($0)" } }
        }
        var latest: [String: String] = [:]
        var order: [String] = []
        for (name, value) in settings {
            if latest[name] == nil { order.append(name) }
            latest[name] = Self.mayHoldSecret(name) ? "<redacted>" : value
        }
        unit.environment = order.map { "\($0)=\(latest[$0] ?? "")" }
        return unit
    }

    /// Tokens, keys and proxy settings (which may carry a password) are never kept.
    static func mayHoldSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "PROXY", "AUTH"].contains { upper.contains($0) }
    }

    private func ollamaModelsFolder(_ runtimes: RuntimeFacts) -> (String, String, Bool)? {
        if runtimes.ollamaService != nil || runtimes.ollamaUnit != nil {
            if let folder = runtimes.ollamaUnit?.value(of: "OLLAMA_MODELS"), folder.hasPrefix("/") {
                return (folder, "OLLAMA_MODELS in the service's settings", true)
            }
            // Arch's package sets the service's HOME in the unit (`/var/lib/ollama`).
            if let serviceHome = runtimes.ollamaUnit?.value(of: "HOME"), serviceHome.hasPrefix("/") {
                return (serviceHome + "/.ollama/models", "the service's default (HOME in its settings)", true)
            }
            switch runtimes.ollamaUnit?.user {
            case nil, "ollama"?: return (Self.ollamaServiceHome + "/.ollama/models", "the service's default (the ollama user's home)", true)
            case "root"?: return ("/root/.ollama/models", "the service's default (root's home)", true)
            default: return nil
            }
        }
        guard runtimes.ollamaBinary != nil else { return nil }
        if let folder = source.environment("OLLAMA_MODELS"), folder.hasPrefix("/") {
            return (folder, "OLLAMA_MODELS in this shell", false)
        }
        return home.map { ($0 + "/.ollama/models", "the default in your home folder", false) }
    }

    /// The first folder above `path` that others may not pass through (mode without o+x) and that
    /// the service's user does not own: the service cannot reach anything below it.
    private func closedFolder(above path: String, serviceUser: String) -> (path: String, mode: String)? {
        let parts = path.split(separator: "/").dropLast()
        var folder = ""
        for part in parts {
            folder += "/" + String(part)
            guard let info = source.fileInfo(folder), let mode = info.mode, let bits = Int(mode, radix: 8) else { continue }
            if bits & 0o001 == 0 && info.owner != serviceUser { return (folder, mode) }
        }
        return nil
    }

    /// The disk holding a folder: measured at the folder, or at the nearest folder above it that
    /// this user may look up (a service's home is often closed to others).
    func nearestVolume(_ path: String) -> VolumeSpace? {
        var candidate = path
        while true {
            if let space = source.volume(at: candidate) { return space }
            guard candidate != "/", let slash = candidate.lastIndex(of: "/") else { return nil }
            candidate = slash == candidate.startIndex ? "/" : String(candidate[..<slash])
        }
    }
}
