// `onramp recommend --json`: the whole recommendation as one JSON object, for scripts.

import Foundation

extension Recommendation {
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
