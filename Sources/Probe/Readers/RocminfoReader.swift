// Reads `rocminfo`: the ISA names (gfx…) and marketing names of its GPU agents.

import Foundation

enum RocminfoReader {
    struct Agent: Equatable {
        var isa: String
        var marketingName: String?
    }

    static func gpuAgents(_ text: String) -> [Agent] {
        var agents: [Agent] = []
        var name: String?
        var marketing: String?
        var type: String?
        func finish() {
            if type == "GPU", let name, name.hasPrefix("gfx") {
                agents.append(Agent(isa: name, marketingName: marketing))
            }
            name = nil
            marketing = nil
            type = nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Agent ") {
                finish()
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "Name" where name == nil: name = value
            case "Marketing Name" where marketing == nil: marketing = value
            case "Device Type" where type == nil: type = value
            default: break
            }
        }
        finish()
        return agents
    }

    /// The lines after "ROCk module is loaded" that say why it failed.
    static func errorText(stdout: String, stderr: String) -> String? {
        let lines = (stdout + "\n" + stderr).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "ROCk module is loaded" }
        return lines.isEmpty ? nil : lines.prefix(2).joined(separator: " ")
    }
}
