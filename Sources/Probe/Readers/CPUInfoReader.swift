// Reads /proc/cpuinfo on x86 and ARM into CPU facts.

import Foundation

enum CPUInfoReader {
    static func read(_ text: String) -> CPUFacts {
        let processors = blocks(text).filter { $0["processor"] != nil }
        var facts = CPUFacts()
        guard let first = processors.first else { return facts }
        facts.logicalCores = processors.count
        if let flags = first["flags"] {
            facts.vendor = first["vendor_id"]
            facts.modelName = first["model name"]
            facts.features = x86Features(flags)
            facts.physicalCores = x86PhysicalCores(processors)
        } else if let features = first["Features"] {
            let implementer = first["CPU implementer"]
            facts.vendor = implementer.map { armImplementers[$0.lowercased()] ?? $0 }
            facts.modelName = first["model name"] ?? armModelName(first, trailer: blocks(text))
            facts.features = armFeatures(features)
            // ARM cores have no hyper-threads.
            facts.physicalCores = processors.count
        } else {
            facts.modelName = first["model name"]
        }
        return facts
    }

    /// Blank-line separated blocks of `key : value` lines.
    static func blocks(_ text: String) -> [[String: String]] {
        var result: [[String: String]] = []
        var current: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { result.append(current) }
                current = [:]
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                if current[key] == nil {
                    current[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func x86Features(_ flags: String) -> [CPUFeature] {
        let present = Set(flags.split(separator: " ").map(String.init))
        return CPUFeature.allCases.filter { present.contains($0.rawValue) }
    }

    static func armFeatures(_ flags: String) -> [CPUFeature] {
        let present = Set(flags.split(separator: " ").map(String.init))
        let names: [(String, CPUFeature)] = [
            ("asimd", .neon), ("asimddp", .dotprod), ("i8mm", .i8mm), ("sve", .sve), ("sve2", .sve2),
        ]
        return names.filter { present.contains($0.0) }.map(\.1).sorted()
    }

    /// Distinct (package, core) pairs; hyper-threads share one.
    static func x86PhysicalCores(_ processors: [[String: String]]) -> Int? {
        var cores = Set<String>()
        for processor in processors {
            guard let package = processor["physical id"], let core = processor["core id"] else {
                return Int(processor["cpu cores"] ?? "") ?? processors.count
            }
            cores.insert(package + "/" + core)
        }
        return cores.count
    }

    /// ARM cpuinfo has no model name; a board line (Raspberry Pi's `Model`) or the core's part number names it.
    static func armModelName(_ processor: [String: String], trailer: [[String: String]]) -> String? {
        let part = processor["CPU part"].flatMap { armParts[$0.lowercased()] }
        let board = trailer.last?["Model"]
        switch (part, board) {
        case let (part?, board?): return "\(part) (\(board))"
        case let (part?, nil): return part
        case let (nil, board?): return board
        default: return nil
        }
    }

    static let armImplementers: [String: String] = [
        "0x41": "ARM", "0x42": "Broadcom", "0x48": "HiSilicon", "0x4e": "NVIDIA", "0x51": "Qualcomm",
        "0x61": "Apple", "0xc0": "Ampere",
    ]

    static let armParts: [String: String] = [
        "0xd03": "Cortex-A53", "0xd05": "Cortex-A55", "0xd08": "Cortex-A72", "0xd0b": "Cortex-A76",
        "0xd0c": "Neoverse-N1", "0xd40": "Neoverse-V1", "0xd41": "Cortex-A78", "0xd49": "Neoverse-N2",
        "0xd4f": "Neoverse-V2",
    ]
}
