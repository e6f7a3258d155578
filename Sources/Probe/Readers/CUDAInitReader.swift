// Reads the output of the CUDA initialisation test child (`library:`, `driver-api:`, `cuInit:`,
// `devices:` lines); nil when the child found no libcuda.

import Foundation

public enum CUDAInitReader {
    public static func read(_ output: String) -> CUDAInitFacts? {
        var facts = CUDAInitFacts()
        for line in output.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "library" where parts[1].hasPrefix("missing"): return nil
            case "driver-api": facts.driverAPIVersion = Int(parts[1])
            case "cuInit":
                let words = parts[1].split(separator: " ")
                facts.result = words.first.flatMap { Int($0) }
                facts.errorName = words.dropFirst().first.map(String.init)
            case "devices": facts.devices = Int(parts[1])
            default: continue
            }
        }
        return facts.result == nil ? nil : facts
    }
}
