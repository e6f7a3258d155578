// Reads /etc/os-release (shell-style KEY="value" lines) into OS facts.

import Foundation

enum OSReleaseReader {
    static func read(_ text: String, into facts: inout OSFacts) {
        var values: [String: String] = [:]
        for (key, value) in KeyValueText.pairs(text, separator: "=") where !key.hasPrefix("#") {
            values[key] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        facts.distroID = values["ID"]
        facts.distroVersion = values["VERSION_ID"]
        facts.distroFamily = values["ID_LIKE"].map { $0.split(separator: " ").map(String.init) } ?? []
        facts.prettyName = values["PRETTY_NAME"]
    }
}
