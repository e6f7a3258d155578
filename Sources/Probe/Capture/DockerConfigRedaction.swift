// A capture rule for Docker's daemon.json: only the runtimes the doctor reads leave the machine
// (the file can also hold registry credentials helpers, proxies with passwords, and addresses).

import Foundation

extension Redactor {
    public static let dockerDaemonConfig = "/etc/docker/daemon.json"

    public func redactDockerDaemonConfig(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return "{}\n"
        }
        var kept: [String: Any] = [:]
        if let runtimes = object["runtimes"] as? [String: Any] {
            kept["runtimes"] = runtimes.mapValues { _ in [String: Any]() }
        }
        if let runtime = object["default-runtime"] as? String { kept["default-runtime"] = redact(runtime) }
        guard let data = try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
