// Reads `dkms status`: one module per line, in the form of dkms 3 (`nvidia/535.104.05, 6.2.0-32-generic,
// x86_64: installed`) or of dkms 2 (`nvidia, 535.104.05, 6.2.0-32-generic, x86_64: installed`), or a
// module only added (`nvidia/535.104.05: added`). Warnings in parentheses after the state are dropped.

import Foundation

public enum DKMSStatusReader {
    public static func modules(_ text: String) -> [DKMSModuleFact] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard let colon = line.lastIndex(of: ":") else { return nil }
            let state = line[line.index(after: colon)...]
                .split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            var fields = line[..<colon].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !fields.isEmpty, !state.isEmpty else { return nil }
            // dkms 3 joins module and version with a slash; dkms 2 gives them as two fields.
            let first = fields.removeFirst()
            let module: String
            let version: String
            if let slash = first.firstIndex(of: "/") {
                module = String(first[..<slash])
                version = String(first[first.index(after: slash)...])
            } else {
                guard !fields.isEmpty else { return nil }
                module = first
                version = fields.removeFirst()
            }
            guard !module.isEmpty, !version.isEmpty, !module.contains(" ") else { return nil }
            return DKMSModuleFact(module: module, version: version, kernel: fields.first, state: state)
        }
    }
}
