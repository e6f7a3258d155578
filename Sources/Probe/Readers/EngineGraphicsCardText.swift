// The lines the Vulkan initialisation test child prints for the engine's choice of device, and
// their reading: one format, written and read here, so the child and the probe cannot disagree.
// Every line starts with "engine-", which the older reader of the child's output ignores, and a
// capture without them (an older profile) reads as unknown (nil).

public enum EngineGraphicsCardText {
    public static func lines(_ card: EngineGraphicsCard) -> String {
        var pairs: [(String, String)]
        if let device = card.device {
            pairs = [("engine-device", String(device.index)), ("engine-name", device.name), ("engine-kind", device.kind)]
            if let name = device.driverName { pairs.append(("engine-driver", name)) }
            if let info = device.driverInfo { pairs.append(("engine-driver-info", info)) }
            pairs.append(("engine-memory", String(device.memoryBytes)))
            if let free = device.freeBytes { pairs.append(("engine-memory-free", String(free))) }
        } else {
            pairs = [("engine-device", "none"), ("engine-reason", card.reason ?? ""), ("engine-advice", card.advice ?? "")]
        }
        // A value is one line: a device name or sentence with a line break would end early.
        return pairs.map { "\($0.0): \(oneLine($0.1))\n" }.joined()
    }

    /// The engine's choice from the child's output; nil when the output has no complete answer.
    public static func read(_ output: String) -> EngineGraphicsCard? {
        var values: [String: String] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            guard key.hasPrefix("engine-"), values[key] == nil else { continue }
            values[key] = String(line[line.index(after: colon)...].drop { $0 == " " })
        }
        guard let chosen = values["engine-device"] else { return nil }
        if chosen == "none" {
            guard let reason = values["engine-reason"], !reason.isEmpty else { return nil }
            return EngineGraphicsCard(reason: reason, advice: values["engine-advice"] ?? "")
        }
        guard let index = Int(chosen), index >= 0, let name = values["engine-name"], let kind = values["engine-kind"],
              let memory = values["engine-memory"].flatMap({ UInt64($0) })
        else { return nil }
        let free = values["engine-memory-free"].flatMap { UInt64($0) }
        return EngineGraphicsCard(device: .init(
            index: index, name: name, kind: kind, driverName: values["engine-driver"], driverInfo: values["engine-driver-info"],
            memoryBytes: memory, freeBytes: free))
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
