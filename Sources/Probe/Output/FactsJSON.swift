// Machine facts as stable JSON for scripts and golden files: sorted keys, unescaped slashes.

import Foundation

extension MachineFacts {
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value; encoding cannot fail, but a failure still yields valid JSON.
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func decode(json: String) throws -> MachineFacts {
        try JSONDecoder().decode(MachineFacts.self, from: Data(json.utf8))
    }
}
