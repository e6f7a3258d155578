// Who and where: the user name, home folder, host name and domain names a `Redactor` replaces.
// Kept out of `MachineFacts` on purpose: facts are shared, these are what sharing must hide.

import Foundation

public struct MachineIdentity: Sendable, Equatable {
    public var userName: String?
    public var homeFolder: String?
    public var hostName: String?
    /// DNS domains the machine belongs to (its own, and the resolver's search list).
    public var domains: [String]

    public init(userName: String? = nil, homeFolder: String? = nil, hostName: String? = nil, domains: [String] = []) {
        self.userName = userName
        self.homeFolder = homeFolder
        self.hostName = hostName
        self.domains = domains
    }

    /// Reads the identity through `source` (read it from the machine itself, not through a recorder,
    /// so these files stay out of a profile).
    public static func read(from source: any SystemSource) -> MachineIdentity {
        func firstLine(_ path: String) -> String? {
            let line = source.readFile(path).text?.split(whereSeparator: \.isNewline).first
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return line?.isEmpty == false ? line : nil
        }
        let host = firstLine("/proc/sys/kernel/hostname") ?? firstLine("/etc/hostname")
        var domains: [String] = []
        if let domain = firstLine("/proc/sys/kernel/domainname"), domain != "(none)" { domains.append(domain) }
        // "search a.example b.example" and "domain a.example" lines of the resolver's settings.
        for line in (source.readFile("/etc/resolv.conf").text ?? "").split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if let keyword = words.first, keyword == "search" || keyword == "domain" { domains += words.dropFirst() }
        }
        return MachineIdentity(
            userName: source.currentUser()?.name, homeFolder: source.environment("HOME").flatMap { $0.isEmpty ? nil : $0 },
            hostName: host, domains: domains)
    }
}
