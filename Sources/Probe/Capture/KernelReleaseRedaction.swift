// A capture rule for the kernel's version files: a WSL kernel release ("5.15.153.1-microsoft-standard-WSL2")
// has four numbers like an IPv4 address, and the address rule would turn it into 192.0.2.1. Releases
// are kept; everything else in these files goes through the usual redaction.

import Foundation

extension Redactor {
    public static func isKernelVersionFile(_ path: String) -> Bool {
        path == "/proc/sys/kernel/osrelease" || path == "/proc/version"
    }

    public func redactKernelVersion(_ text: String) -> String {
        guard let release = try? NSRegularExpression(pattern: "[0-9]+(?:\\.[0-9]+){3}(?=-)") else { return redact(text) }
        let matches = release.matches(in: text, range: NSRange(text.startIndex..., in: text))
            .compactMap { Range($0.range, in: text).map { String(text[$0]) } }
        var protected = text
        for (index, value) in matches.enumerated() {
            protected = protected.replacingOccurrences(of: value, with: "KERNELRELEASE\(index)X")
        }
        var result = redact(protected)
        for (index, value) in matches.enumerated() {
            result = result.replacingOccurrences(of: "KERNELRELEASE\(index)X", with: value)
        }
        return result
    }
}
