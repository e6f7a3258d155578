// Reads a CDI specification (YAML or JSON, as `nvidia-ctk cdi generate` writes it) for what the
// doctor compares with the machine: its kind and the host files it mounts into containers.

import Foundation

public enum CDISpecReader {
    public static func kind(_ text: String) -> String? {
        firstCapture(#"(?<![A-Za-z_])"?kind"?\s*:\s*"?([A-Za-z0-9._/-]+)"?"#, in: text).first
    }

    /// Every `hostPath:` value, in order, without repeats.
    public static func hostPaths(_ text: String) -> [String] {
        var seen = Set<String>()
        return firstCapture(#""?hostPath"?\s*:\s*"?(/[^"\s,]+)"?"#, in: text).filter { seen.insert($0).inserted }
    }

    /// Driver versions in the names of the libraries a spec mounts (`libnvidia-ml.so.550.54.15`).
    public static func driverVersions(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.compactMap { path -> String? in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard name.hasPrefix("libcuda.so.") || name.hasPrefix("libnvidia-ml.so.") else { return nil }
            let version = String(name.drop { $0 != "." }.dropFirst().drop { $0 != "." }.dropFirst())
            return version.split(separator: ".").count >= 2 && version != "1.1" ? version : nil
        }.filter { seen.insert($0).inserted }
    }

    private static func firstCapture(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
