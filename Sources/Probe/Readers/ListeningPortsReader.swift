// Reads /proc/net/tcp and tcp6: which TCP ports something listens on.

import Foundation

enum ListeningPortsReader {
    /// Ports in state 0A (LISTEN); the local address column is `HEXADDR:HEXPORT`.
    static func listeningPorts(_ text: String) -> Set<Int> {
        var ports = Set<Int>()
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count > 3, fields[3] == "0A", let colon = fields[1].lastIndex(of: ":"),
                  let port = Int(fields[1][fields[1].index(after: colon)...], radix: 16) else { continue }
            ports.insert(port)
        }
        return ports
    }
}
